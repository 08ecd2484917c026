/**
 * Resuming from persisted rounds: the rounds a season committed are its state. A season resumed
 * halfway must finish exactly as the uninterrupted run (byte for byte), with LLM-like agents fed
 * their recorded decisions (not asked again) and bots asked again.
 */
import { describe, expect, it } from "vitest";
import type { AgentDecision } from "../agents/agent.ts";
import type { RoundObservation } from "../agents/roundObservation.ts";
import { builtInBotConfigHash, createBuiltInBot } from "../bots/builtInBots.ts";
import { canonicalJson } from "../canonical/canonicalJson.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { generateSyntheticMarket } from "../market/syntheticMarket.ts";
import { llmTraderUniverse } from "../market/universe.ts";
import { forkRandom } from "../random/seededRandom.ts";
import type { CreateSeasonParameters } from "./createSeason.ts";
import { resumeSeason } from "./resumeSeason.ts";
import { runSeason } from "./runSeason.ts";
import { SeasonReplayMismatchError } from "./seasonReplayMismatchError.ts";
import { testHash } from "./testing/scriptedAgent.ts";

/**
 * Stands in for an LLM: answers asynchronously, from a random stream per instance and round, so
 * another instance answers differently and a resumed season can only get past decisions from the
 * records (it is not `deterministic`: the season never asks it to replay).
 */
function moodyAgent(id: string, instance: string) {
  let asked = 0;
  return {
    id,
    asked: () => asked,
    async decide(observation: RoundObservation): Promise<AgentDecision> {
      asked++;
      const random = forkRandom(instance, `${id}:${observation.round}`);
      const asset = observation.assets[random.nextInt(observation.assets.length)];
      if (asset === undefined || random.nextFloat() < 0.8 || observation.portfolio.positions.length > 0)
        return { orders: [], stopLossUpdates: [], reasoning: `round ${observation.round}: wait`, outcome: "hold" };
      return {
        orders: [
          {
            clientOrderId: `${id}:${observation.round}`,
            symbol: asset.symbol,
            side: "buy",
            notional: observation.portfolio.equity / 10n,
            stopLoss: (asset.price * 95n) / 100n,
          },
        ],
        stopLossUpdates: [],
        reasoning: "momentum looks good",
        outcome: "trade",
      };
    },
  };
}

function parameters(instance: string) {
  const dataset = generateSyntheticMarket({
    seed: "resume",
    assets: llmTraderUniverse.slice(0, 3),
    frequency: "1h",
    start: 1_704_067_200,
    bars: 60,
  });
  const moody = moodyAgent("llm", instance);
  const entrants: CreateSeasonParameters["entrants"] = [
    { index: 0, name: "llm", modelFamily: "Claude", configHash: testHash(3), agent: moody },
    ...(["momentum", "random", "wash-trading"] as const).map((bot, i) => ({
      index: i + 1,
      name: bot,
      modelFamily: "rule-based",
      configHash: builtInBotConfigHash(bot, bot),
      agent: createBuiltInBot({
        bot,
        id: bot,
        seed: "resume",
        parameters: bot === "momentum" ? { fast: 5, slow: 20 } : {},
      }),
    })),
  ];
  return { moody, parameters: { rules: llmtraderSeason, dataset, entrants, seed: "resume" } };
}

describe("resumeSeason", () => {
  it("finishes a season resumed from its first 30 persisted rounds exactly as the uninterrupted run", async () => {
    const original = parameters("first run");
    const whole = await runSeason(original.parameters);
    const lines = whole.rounds.map((round) => canonicalJson(round));
    expect(lines.join("\n")).toContain('"type":"decision"');

    // The same agent (same answers from round 30 on) after a restart: nothing is asked while
    // replaying, then the season goes on exactly as the uninterrupted run.
    const restarted = parameters("first run");
    const season = await resumeSeason({ ...restarted.parameters, persistedRounds: lines.slice(0, 30) });
    expect(season.nextRound).toBe(30);
    expect(restarted.moody.asked()).toBe(0);
    const rest: string[] = [];
    while (!season.finished) rest.push(canonicalJson(await season.runRound()));
    expect(restarted.moody.asked()).toBe(30);
    expect(rest).toEqual(lines.slice(30));
    expect(canonicalJson(season.results())).toBe(canonicalJson(whole.results));

    // An agent that would answer differently is not asked either: the records decide the past.
    const other = parameters("another model");
    await resumeSeason({ ...other.parameters, persistedRounds: lines });
    expect(other.moody.asked()).toBe(0);
  });

  it("names the first round whose replay differs from what was persisted", async () => {
    const { parameters: inputs } = parameters("first run");
    const whole = await runSeason(inputs);
    const lines = whole.rounds.map((round) => canonicalJson(round));
    const tampered = [...lines];
    tampered[7] = (tampered[7] as string).replace(/"equity":"(\d)/, '"equity":"9$1');
    const error = await resumeSeason({ ...parameters("first run").parameters, persistedRounds: tampered }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SeasonReplayMismatchError);
    expect((error as SeasonReplayMismatchError).round).toBe(7);
    await expect(resumeSeason({ ...parameters("x").parameters, persistedRounds: ["{oops"] })).rejects.toThrow(
      /not JSON/,
    );
    await expect(
      resumeSeason({ ...parameters("x").parameters, persistedRounds: [lines[1] as string] }),
    ).rejects.toThrow(/not the output of round 0/);
  });
});
