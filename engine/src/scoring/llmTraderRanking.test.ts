import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidRankingInputError } from "./invalidRankingInputError.ts";
import { compareLlmTrader, type LlmTraderRankingEntry, rankLlmTrader } from "./llmTraderRanking.ts";

function entry(entrantId: string, values: Partial<Omit<LlmTraderRankingEntry, "entrantId">>): LlmTraderRankingEntry {
  return { entrantId, sharpeRatio: 1, totalReturn: 0.1, calmarRatio: 2, maxDrawdown: 0.1, winRate: 0.5, ...values };
}

describe("rankLlmTrader (seed 001: Sharpe > absolute return > Calmar; lower drawdown; higher win rate)", () => {
  it("ranks by Sharpe first, even against a bigger return", () => {
    // Seed 000: "15% with a 5% drawdown will typically rank higher than 20% with a 25% drawdown",
    // because its Sharpe is higher.
    const ranked = rankLlmTrader({
      entries: [
        entry("aggressive", { sharpeRatio: 1.1, totalReturn: 0.2, maxDrawdown: 0.25 }),
        entry("steady", { sharpeRatio: 2.4, totalReturn: 0.15, maxDrawdown: 0.05 }),
      ],
    });
    expect(ranked).toEqual([
      { entrantId: "steady", rank: 1, decidedBy: null },
      { entrantId: "aggressive", rank: 2, decidedBy: "sharpeRatio" },
    ]);
  });

  it("treats Sharpe ratios equal at two decimals as similar and moves on to absolute return", () => {
    // 1.231 and 1.234 both round to 1.23 (grid 0.01) → similar; 12% beats 8%.
    // 1.236 rounds to 1.24 → strictly higher Sharpe, ranks first despite the smallest return.
    const ranked = rankLlmTrader({
      entries: [
        entry("a", { sharpeRatio: 1.234, totalReturn: 0.08 }),
        entry("b", { sharpeRatio: 1.231, totalReturn: 0.12 }),
        entry("c", { sharpeRatio: 1.236, totalReturn: 0.01 }),
      ],
    });
    expect(ranked.map((r) => [r.entrantId, r.decidedBy])).toEqual([
      ["c", null],
      ["b", "sharpeRatio"],
      ["a", "totalReturn"],
    ]);
  });

  it("goes on to Calmar, then lower max drawdown, then higher win rate, then entrant order", () => {
    const ranked = rankLlmTrader({
      entries: [
        entry("e1", { winRate: 0.5 }), // baseline
        entry("e2", { winRate: 0.6 }), // beats e1 on win rate only
        entry("e3", { maxDrawdown: 0.08 }), // beats e1/e2 on drawdown
        entry("e4", { calmarRatio: 2.5 }), // beats everyone on Calmar
        entry("e5", { totalReturn: 0.10004 }), // 0.10004 → 1000.4 → grid 1000, same as 0.1: similar return
        entry("e6", { totalReturn: 0.10006 }), // grid 1001: strictly higher return
      ],
    });
    expect(ranked.map((r) => [r.entrantId, r.decidedBy])).toEqual([
      ["e6", null],
      ["e4", "totalReturn"],
      ["e3", "calmarRatio"],
      ["e2", "maxDrawdown"],
      ["e1", "winRate"],
      ["e5", "entrantOrder"],
    ]);
  });

  it("exposes the comparator: negative when the first ranks above, 0 on a full tie", () => {
    expect(compareLlmTrader(entry("a", { sharpeRatio: 2 }), entry("b", {}))).toBeLessThan(0);
    expect(compareLlmTrader(entry("a", {}), entry("b", { winRate: 0.9 }))).toBeGreaterThan(0);
    expect(compareLlmTrader(entry("a", {}), entry("b", {}))).toBe(0);
    // A wider tolerance makes 1.0 and 1.04 similar (grid 0.1: both round to 10), so return decides.
    const tolerances = { sharpeRatio: 0.1, totalReturn: 0.0001, calmarRatio: 0.01 };
    expect(
      compareLlmTrader(entry("a", { sharpeRatio: 1.04 }), entry("b", { totalReturn: 0.2 }), tolerances),
    ).toBeGreaterThan(0);
  });

  it("puts an entrant without a value below every entrant with one", () => {
    const ranked = rankLlmTrader({
      entries: [entry("no-data", { sharpeRatio: null }), entry("negative", { sharpeRatio: -3 })],
    });
    expect(ranked.map((r) => r.entrantId)).toEqual(["negative", "no-data"]);
  });

  it("gives the same order whatever the input order when no entrant-order tie-break is needed", () => {
    const entries = fc.uniqueArray(
      fc.record({
        sharpeRatio: fc.option(
          fc.integer({ min: -300, max: 300 }).map((n) => n / 100 + 0.003),
          { nil: null },
        ),
        totalReturn: fc.integer({ min: -50, max: 50 }).map((n) => n / 100),
        calmarRatio: fc.integer({ min: -5, max: 5 }),
        maxDrawdown: fc.integer({ min: 0, max: 5 }).map((n) => n / 10),
        winRate: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
      }),
      { selector: (e) => e.winRate, minLength: 1, maxLength: 25 },
    );
    fc.assert(
      fc.property(entries, (values) => {
        const withIds = values.map((v, i) => ({ entrantId: `e${i}`, ...v }));
        const forward = rankLlmTrader({ entries: withIds }).map((r) => r.entrantId);
        const backward = rankLlmTrader({ entries: [...withIds].reverse() }).map((r) => r.entrantId);
        expect(backward).toEqual(forward);
      }),
    );
  });

  it("rejects duplicate entrants and non-positive tolerances, listing both", () => {
    let caught: unknown;
    try {
      rankLlmTrader({
        entries: [entry("x", {}), entry("x", {})],
        tolerances: { sharpeRatio: 0, totalReturn: 0.0001, calmarRatio: 0.01 },
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidRankingInputError);
    expect((caught as InvalidRankingInputError).problems).toEqual([
      'entrantId "x" appears more than once',
      "tolerance sharpeRatio is 0: it must be a positive number",
    ]);
  });
});
