/**
 * A private entrant's texts (reasoning, no-trade details, agent errors) never reach a season's
 * outputs or its round artifacts: their keccak256 hashes do. The season plays, scores and resumes
 * exactly as it does for a public twin that publishes the same texts in full.
 */
import { describe, expect, it } from "vitest";
import type { AgentDecision } from "../agents/agent.ts";
import type { RoundObservation } from "../agents/roundObservation.ts";
import { builtInBotConfigHash, createBuiltInBot } from "../bots/builtInBots.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { createRoundArtifact } from "../commitments/roundArtifact.ts";
import { fixtureDomain } from "../commitments/testing/roundFixture.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { generateSyntheticMarket } from "../market/syntheticMarket.ts";
import { llmTraderUniverse } from "../market/universe.ts";
import { roundCommitmentInput } from "../runner/roundCommitmentInput.ts";
import { indicatorMentions } from "../scoring/indicatorMentions.ts";
import { reasoningSteps } from "../scoring/reasoningSteps.ts";
import type { CreateSeasonParameters } from "./createSeason.ts";
import { createSeason } from "./createSeason.ts";
import { textHash } from "./decisionRecord.ts";
import { resumeSeason } from "./resumeSeason.ts";
import { runSeason } from "./runSeason.ts";
import { seasonArtifacts } from "./seasonArtifacts.ts";
import { testHash } from "./testing/scriptedAgent.ts";

const SECRET_REASONING = "SECRET-REASONING-42: 1. RSI is 28, oversold. 2. MACD turned up. 3. Buy with a 5% stop.";
const SECRET_HOLD = "SECRET-HOLD-7: 1. RSI is neutral. 2. Wait.";
const SECRET_DETAIL = "SECRET-DETAIL-9: the model wrote prose instead of JSON";
const SECRET_ERROR = "SECRET-ERROR-5: private prompt leaked in a stack trace";
const secrets = ["SECRET-"];

/**
 * Stands in for an LLM (not deterministic: a resumed season replays it from its records): buys at
 * rounds 3 and 20 with secret reasoning, holds with secret reasoning at rounds 10 and 25, returns a
 * no-trade with a secret detail at round 12 and throws an error with a secret message at round 14.
 */
function secretiveAgent(id: string) {
  let asked = 0;
  return {
    id,
    asked: () => asked,
    async decide(observation: RoundObservation): Promise<AgentDecision> {
      asked++;
      const round = observation.round;
      const asset = observation.assets[0];
      if (asset !== undefined && (round === 3 || round === 20))
        return {
          orders: [
            {
              clientOrderId: `${id}:${round}`,
              symbol: asset.symbol,
              side: "buy",
              notional: observation.portfolio.equity / 10n,
              stopLoss: (asset.price * 95n) / 100n,
            },
          ],
          stopLossUpdates: [],
          reasoning: SECRET_REASONING,
          outcome: "trade",
        };
      if (round === 10 || round === 25)
        return { orders: [], stopLossUpdates: [], reasoning: SECRET_HOLD, outcome: "hold" };
      if (round === 12)
        return {
          orders: [],
          stopLossUpdates: [],
          reasoning: "",
          outcome: "no-trade",
          noTradeReason: { code: "MALFORMED_JSON", detail: SECRET_DETAIL },
        };
      if (round === 14) throw new Error(SECRET_ERROR);
      return { orders: [], stopLossUpdates: [], reasoning: "", outcome: "hold" };
    },
  };
}

function parameters(visibility: "public" | "private") {
  const dataset = generateSyntheticMarket({
    seed: "private entrant",
    assets: llmTraderUniverse.slice(0, 2),
    frequency: "1h",
    start: 1_704_067_200,
    bars: 40,
  });
  const agent = secretiveAgent("secretive");
  const entrants: CreateSeasonParameters["entrants"] = [
    { index: 0, name: "secretive", modelFamily: "Claude", configHash: testHash(3), visibility, agent },
    {
      index: 1,
      name: "buy-and-hold",
      modelFamily: "rule-based",
      configHash: builtInBotConfigHash("buy-and-hold", "buy-and-hold"),
      agent: createBuiltInBot({ bot: "buy-and-hold", id: "buy-and-hold", seed: "private entrant" }),
    },
  ];
  return { agent, parameters: { rules: llmtraderSeason, dataset, entrants, seed: "private entrant" } };
}

type Json = Record<string, unknown>;
const decisionsOf = (rounds: readonly { records: readonly unknown[] }[]) =>
  rounds.flatMap((round) => round.records as Json[]).filter((record) => record.type === "decision");
/** Every record except the decisions (the risk engine's records, marks, conduct records). */
const othersOf = (rounds: readonly { records: readonly unknown[] }[]) =>
  canonicalJson(rounds.flatMap((round) => round.records as Json[]).filter((record) => record.type !== "decision"));

describe("a private entrant", () => {
  it("publishes hashes of its texts, never the texts, and plays and scores as its public twin", async () => {
    const privateRun = await runSeason(parameters("private").parameters);
    const publicRun = await runSeason(parameters("public").parameters);
    const outputs = canonicalJson({
      header: privateRun.header,
      rounds: privateRun.rounds,
      results: privateRun.results,
      artifacts: seasonArtifacts(privateRun),
    });
    for (const secret of secrets) expect(outputs).not.toContain(secret);
    // The public twin shows the test would see a leak: the same texts are in its outputs.
    const publicOutputs = canonicalJson({ rounds: publicRun.rounds, artifacts: seasonArtifacts(publicRun) });
    for (const text of [SECRET_REASONING, SECRET_HOLD, SECRET_DETAIL, SECRET_ERROR])
      expect(publicOutputs).toContain(text);

    // Hashes: keccak256 of the canonical JSON of each text (the decision log's publicDecisionRecord hashes the same way).
    expect(outputs).toContain(textHash(SECRET_REASONING));
    expect(outputs).toContain(textHash(SECRET_HOLD));
    expect(outputs).toContain(textHash(SECRET_DETAIL));
    const privateDecisions = decisionsOf(privateRun.rounds);
    const publicDecisions = decisionsOf(publicRun.rounds);
    // Rounds 3, 10, 12, 14, 20, 25 (the bot's single buy is public, recorded in full in both runs).
    const mine = (decisions: Json[]) => decisions.filter((d) => d.entrantId === "0");
    expect(mine(privateDecisions).map((d) => d.round)).toEqual([3, 10, 12, 14, 20, 25]);
    expect(mine(publicDecisions).map((d) => d.round)).toEqual([3, 10, 12, 14, 20, 25]);
    const buy = mine(privateDecisions)[0] as Json;
    expect(buy).toMatchObject({
      visibility: "private",
      outcome: "trade",
      reasoningHash: textHash(SECRET_REASONING),
      quality: { reasoningSteps: reasoningSteps(SECRET_REASONING), indicators: indicatorMentions(SECRET_REASONING) },
    });
    expect(buy).not.toHaveProperty("reasoning");
    // What replay needs is kept in full: the orders are the public twin's orders.
    expect(canonicalJson(buy.orders)).toBe(canonicalJson((mine(publicDecisions)[0] as Json).orders));
    expect(mine(privateDecisions)[2]?.noTradeReason).toEqual({
      code: "MALFORMED_JSON",
      detailHash: textHash(SECRET_DETAIL),
    });
    expect(mine(privateDecisions)[3]?.noTradeReason).toMatchObject({ code: "AGENT_ERROR" });

    // Same trades, marks and standings; same results, Agent Quality Index included.
    expect(othersOf(privateRun.rounds)).toBe(othersOf(publicRun.rounds));
    expect(canonicalJson(privateRun.results)).toBe(canonicalJson(publicRun.results));
    const quality = privateRun.results.entrants.find((entry) => entry.name === "secretive")?.qualityIndex;
    // Not a trivial equality: the reasoning's steps and indicators count towards the index.
    expect(quality?.reasoningDepth).toBeGreaterThan(0);
    expect(quality?.signalSophistication).toBeGreaterThan(0);
  });

  it("resumes from its public records exactly as the uninterrupted run, AQI included", async () => {
    const whole = await runSeason(parameters("private").parameters);
    const lines = whole.rounds.map((round) => canonicalJson(round));
    const restarted = parameters("private");
    const season = await resumeSeason({ ...restarted.parameters, persistedRounds: lines.slice(0, 22) });
    expect(restarted.agent.asked()).toBe(0);
    const rest: string[] = [];
    while (!season.finished) rest.push(canonicalJson(await season.runRound()));
    expect(rest).toEqual(lines.slice(22));
    expect(canonicalJson(season.results())).toBe(canonicalJson(whole.results));
  });

  it("commits hashes, never texts, in the runner's round artifacts", async () => {
    const { parameters: inputs } = parameters("private");
    const season = createSeason(inputs);
    const artifacts: string[] = [];
    while (!season.finished) {
      const output = await season.runRound();
      const artifact = await createRoundArtifact(
        roundCommitmentInput({ domain: fixtureDomain, roundIndex: output.round, output, season }),
      );
      artifacts.push(artifact.json);
    }
    const all = artifacts.join("\n");
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(all).toContain(textHash(SECRET_REASONING));
    expect(all).toContain(textHash(SECRET_DETAIL));
    // The artifact's decision carries what the verifier's replay reads (engineReplay.ts: decisionFromRecord).
    const committed = artifacts.flatMap((json) => (JSON.parse(json) as { decisions: Json[] }).decisions);
    expect(committed.filter((d) => d.entrantIndex === 0).map((d) => d.reasoningHash)).toEqual([
      textHash(SECRET_REASONING),
      textHash(SECRET_HOLD),
      textHash(""),
      textHash(""),
      textHash(SECRET_REASONING),
      textHash(SECRET_HOLD),
    ]);
  });
});
