/**
 * The season's shared observations must be exactly what agents/buildRoundObservation.ts gives each
 * entrant on its own (the agents engineer's reference), while sharing the market part.
 */
import { describe, expect, it } from "vitest";
import { buildRoundObservation } from "../agents/buildRoundObservation.ts";
import { createBuiltInBot } from "../bots/builtInBots.ts";
import { compileSeasonRules } from "../config/compileSeasonRules.ts";
import { llmtraderSeason } from "../config/presets/llmtraderSeason.ts";
import { macroArena } from "../config/presets/macroArena.ts";
import { generateSyntheticMarket } from "../market/syntheticMarket.ts";
import { llmTraderUniverse, macroArenaUniverse } from "../market/universe.ts";
import { createSeason } from "./createSeason.ts";
import { createRoundObservations, observedEquity, observedPosition, observedStatus } from "./roundObservations.ts";
import { testEntrant } from "./testing/scriptedAgent.ts";

/** The value with every toJSON applied (lazy getters read), bigints kept. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== "object" || value === null) return value;
  const json = (value as { toJSON?: () => object }).toJSON;
  const source = typeof json === "function" ? json.call(value) : value;
  return Object.fromEntries(Object.entries(source).map(([key, field]) => [key, plain(field)]));
}

describe("round observations", () => {
  for (const [rules, assets, frequency] of [
    [llmtraderSeason, llmTraderUniverse.slice(0, 3), "1h"],
    [{ ...macroArena, execution: { ...macroArena.execution, fillPrice: "open" as const } }, macroArenaUniverse, "1d"],
  ] as const) {
    it(`equal buildRoundObservation for every entrant and round (${rules.id}, ${rules.execution.fillPrice} fills)`, () => {
      const dataset = generateSyntheticMarket({
        seed: "obs",
        assets,
        frequency,
        start: 1_704_067_200,
        bars: 60,
        calendar: "24/7",
      });
      const compiled = compileSeasonRules({ rules, dataset });
      const observations = createRoundObservations({ season: compiled });
      // Real accounts with positions: a season of random bots, observed after every round.
      const season = createSeason({
        rules,
        dataset,
        entrants: [0, 1].map((i) =>
          testEntrant(
            i,
            createBuiltInBot({ bot: "random", id: `r${i}`, seed: "obs", parameters: { tradeProbability: 0.5 } }),
          ),
        ),
        seed: "obs",
      });
      let compared = 0;
      while (!season.finished) {
        const round = season.nextRound;
        season.step();
        for (const id of ["0", "1"]) {
          const account = season.account(id);
          if (account === undefined) throw new Error("no account");
          const shared = observations.observe(account, round);
          const reference = buildRoundObservation({ season: compiled, account, round });
          // The lazily built parts are getters, not own fields: compared through toJSON.
          expect(plain(shared)).toEqual(reference);
          // A position looked up alone is the one the portfolio lists.
          const transientFirst = observations.observeTransient(account, round);
          for (const symbol of [...assets.map((asset) => asset.symbol), "NONE"])
            expect(observedPosition(transientFirst, symbol)).toEqual(
              reference.portfolio.positions.find((position) => position.symbol === symbol),
            );
          expect(observedStatus(transientFirst)).toBe(reference.portfolio.status);
          expect(observedEquity(transientFirst)).toBe(reference.portfolio.equity);
          expect(JSON.parse(JSON.stringify(shared, (_, v) => (typeof v === "bigint" ? `${v}n` : v)))).toEqual(
            JSON.parse(
              JSON.stringify(buildRoundObservation({ season: compiled, account, round }), (_, v) =>
                typeof v === "bigint" ? `${v}n` : v,
              ),
            ),
          );
          // The transient observation (deterministic agents) says the same, read after a reset for another entrant.
          observations.observeTransient(season.account(id === "0" ? "1" : "0") as never, round).portfolio;
          const transient = observations.observeTransient(account, round);
          expect(plain(transient)).toEqual(reference);
          // A sealed observation's lookups read its portfolio (fixed at the decision time).
          observations.seal(shared);
          for (const position of shared.portfolio.positions)
            expect(observedPosition(shared, position.symbol)).toBe(position);
          expect(observedEquity(shared)).toBe(shared.portfolio.equity);
          compared += account.openPositionCount;
        }
      }
      expect(compared).toBeGreaterThan(0);
      // Two entrants of one round share the frozen market part.
      const a = observations.observe(season.account("0") as never, 5);
      const b = observations.observe(season.account("1") as never, 5);
      expect(a.assets).toBe(b.assets);
      expect(Object.isFrozen(a.assets[0])).toBe(true);
      // Its lazily built parts too, built once.
      const first = a.assets[0];
      expect(Object.isFrozen(first?.bars) && Object.isFrozen(first?.returns)).toBe(true);
      expect(Object.isFrozen(first?.indicators)).toBe(true);
      expect(first?.bars).toBe(first?.bars);
      // One object for every transient observation: no allocation per agent-round.
      expect(observations.observeTransient(season.account("0") as never, 5)).toBe(
        observations.observeTransient(season.account("1") as never, 6),
      );
    });
  }
});
