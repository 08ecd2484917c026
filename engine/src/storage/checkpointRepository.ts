import { and, desc, eq } from "drizzle-orm";
import type { Hex } from "viem";
import type { StorageContext } from "./podiumDatabase.ts";
import { checkpoints } from "./schema.ts";
import type { SeasonKey } from "./seasonKey.ts";
import { requireSeason } from "./seasonRepository.ts";
import { storedIndex } from "./storageValues.ts";

/** The season loop's state after a round, as saved with the round by saveSimulatedRound. */
export type StoredCheckpoint = {
  roundIndex: number;
  state: Uint8Array;
  stateDigest: Hex;
  createdAt: Date;
};

/** The checkpoint of the highest simulated round: where a restarted runner resumes the season loop. */
export async function latestCheckpoint(context: StorageContext, key: SeasonKey): Promise<StoredCheckpoint | undefined> {
  const season = await requireSeason(context, key);
  const found = await context.db
    .select()
    .from(checkpoints)
    .where(eq(checkpoints.seasonRef, season.id))
    .orderBy(desc(checkpoints.roundIndex))
    .limit(1);
  return found[0] === undefined ? undefined : toStoredCheckpoint(found[0]);
}

export async function getCheckpoint(
  context: StorageContext,
  key: SeasonKey,
  roundIndex: number,
): Promise<StoredCheckpoint | undefined> {
  const season = await requireSeason(context, key);
  const found = await context.db
    .select()
    .from(checkpoints)
    .where(
      and(eq(checkpoints.seasonRef, season.id), eq(checkpoints.roundIndex, storedIndex("roundIndex", roundIndex))),
    );
  return found[0] === undefined ? undefined : toStoredCheckpoint(found[0]);
}

function toStoredCheckpoint(row: typeof checkpoints.$inferSelect): StoredCheckpoint {
  return {
    roundIndex: row.roundIndex,
    state: row.state,
    stateDigest: row.stateDigest as Hex,
    createdAt: row.createdAt,
  };
}
