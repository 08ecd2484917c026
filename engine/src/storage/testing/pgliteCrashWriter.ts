// A child process for openDatabase.test.ts: writes simulated rounds into a PGlite folder as fast as
// it can, printing "saved <round>" after each commit, until the test kills it with SIGKILL.
import { pathToFileURL } from "node:url";
import { openDatabase } from "../openDatabase.ts";
import { saveSimulatedRound } from "../roundRepository.ts";
import { registerSeason } from "../seasonRepository.ts";
import { hash, seasonParameters, testSeason } from "./storageFixtures.ts";

export const crashWriterRecordsPerRound = 200;
export const crashWriterRoundCount = 10_000;

const path = process.argv[2];
const runAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runAsScript && path !== undefined) {
  const storage = await openDatabase({ pglitePath: path });
  await registerSeason(storage, { ...seasonParameters, roundCount: crashWriterRoundCount });
  process.stdout.write("ready\n");
  for (let roundIndex = 0; roundIndex < crashWriterRoundCount; roundIndex++) {
    await saveSimulatedRound(storage, {
      season: testSeason,
      roundIndex,
      recordsRoot: hash(`records ${roundIndex}`),
      standingsRoot: hash(`standings ${roundIndex}`),
      records: Array.from({ length: crashWriterRecordsPerRound }, (_, i) => ({
        entrantIndex: i % 7,
        kind: "mark",
        values: [roundIndex, i, hash(`leaf ${roundIndex}.${i}`)],
      })),
      standings: [{ entrantIndex: 0, kind: "standing", values: [roundIndex] }],
      checkpoint: new TextEncoder().encode(`state after ${roundIndex}`),
    });
    process.stdout.write(`saved ${roundIndex}\n`);
  }
}
