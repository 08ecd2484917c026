import { describe, expect, it } from "vitest";
import { InvalidRankingInputError } from "./invalidRankingInputError.ts";
import { scoreTournament, type TournamentEntry, type TournamentMetrics } from "./tournamentScore.ts";

const base: TournamentMetrics = {
  totalPnl: 0,
  sharpeRatio: 0,
  sortinoRatio: 0,
  winRate: 0.5,
  profitFactor: 1,
  consistencyScore: 0.5,
  maxDrawdown: 0.1,
  diversification: 1,
  turnover: 1,
};

function entrant(entrantId: string, metrics: Partial<TournamentMetrics>, riskViolations?: number): TournamentEntry {
  return { entrantId, metrics: { ...base, ...metrics }, ...(riskViolations === undefined ? {} : { riskViolations }) };
}

// Four entrants; D has no return data (nulls rank worst).
const field = [
  entrant("A", {
    totalPnl: 500,
    sharpeRatio: 2.0,
    sortinoRatio: 1.0,
    maxDrawdown: 0.1,
    winRate: 0.4,
    profitFactor: 1.2,
    consistencyScore: 0.6,
  }),
  entrant("B", {
    totalPnl: 900,
    sharpeRatio: 1.0,
    sortinoRatio: 3.0,
    maxDrawdown: 0.2,
    winRate: 0.7,
    profitFactor: 0.9,
    consistencyScore: 0.9,
  }),
  entrant("C", {
    totalPnl: 100,
    sharpeRatio: 0.5,
    sortinoRatio: 2.0,
    maxDrawdown: 0.05,
    winRate: 0.6,
    profitFactor: 2.5,
    consistencyScore: 0.3,
  }),
  entrant("D", {
    totalPnl: null,
    sharpeRatio: null,
    sortinoRatio: null,
    maxDrawdown: null,
    winRate: null,
    profitFactor: null,
    consistencyScore: null,
  }),
];
// Percentile ranks (n = 4, rank / 4, worst = 1):
//   Sharpe:      A 1.00  B 0.75  C 0.50  D 0.25
//   Sortino:     B 1.00  C 0.75  A 0.50  D 0.25
//   Drawdown ↓:  C 1.00  A 0.75  B 0.50  D 0.25
//   Win rate:    B 1.00  C 0.75  A 0.50  D 0.25
//   Profit f.:   C 1.00  A 0.75  B 0.50  D 0.25
//   P&L:         B 1.00  A 0.75  C 0.50  D 0.25
//   Consistency: B 1.00  A 0.75  C 0.50  D 0.25

const scores = (ranked: ReturnType<typeof scoreTournament>) => ranked.map((r) => [r.entrantId, r.score]);

describe("scoreTournament (seed 003 Tournament Score, 0-100 over percentile ranks)", () => {
  it("sharpe and pnl: 100 × the percentile rank", () => {
    expect(scores(scoreTournament({ entries: field, scoring: { method: "sharpe" } }))).toEqual([
      ["A", 100],
      ["B", 75],
      ["C", 50],
      ["D", 25],
    ]);
    expect(scores(scoreTournament({ entries: field, scoring: { method: "pnl" } }))).toEqual([
      ["B", 100],
      ["A", 75],
      ["C", 50],
      ["D", 25],
    ]);
  });

  it("risk_adjusted: 0.4 Sharpe + 0.3 Sortino + 0.3 (1 - drawdown), on percentiles", () => {
    // A: 0.4×1.00 + 0.3×0.50 + 0.3×0.75 = 0.775 → 77.5
    // B: 0.4×0.75 + 0.3×1.00 + 0.3×0.50 = 0.750 → 75
    // C: 0.4×0.50 + 0.3×0.75 + 0.3×1.00 = 0.725 → 72.5
    // D: 0.25 everywhere → 25
    const ranked = scoreTournament({ entries: field, scoring: { method: "risk_adjusted" } });
    expect(scores(ranked)).toEqual([
      ["A", 77.5],
      ["B", 75],
      ["C", 72.5],
      ["D", 25],
    ]);
    expect(ranked[0]?.components).toEqual({ sharpe: 1, sortino: 0.5, drawdown: 0.75 });
  });

  it("consistency: 0.4 win rate + 0.3 profit factor + 0.3 Sortino, on percentiles", () => {
    // B: 0.4×1.00 + 0.3×0.50 + 0.3×1.00 = 0.85 → 85
    // C: 0.4×0.75 + 0.3×1.00 + 0.3×0.75 = 0.825 → 82.5
    // A: 0.4×0.50 + 0.3×0.75 + 0.3×0.50 = 0.575 → 57.5
    expect(scores(scoreTournament({ entries: field, scoring: { method: "consistency" } }))).toEqual([
      ["B", 85],
      ["C", 82.5],
      ["A", 57.5],
      ["D", 25],
    ]);
  });

  it("custom: weights normalized by their sum", () => {
    // sharpe 1, drawdown 3 (sum 4): C (0.50 + 3×1.00)/4 = 0.875; A (1.00 + 3×0.75)/4 = 0.8125;
    // B (0.75 + 3×0.50)/4 = 0.5625; D 0.25.
    const ranked = scoreTournament({
      entries: field,
      scoring: { method: "custom", weights: { sharpe_weight: 1, drawdown_weight: 3, pnl_weight: 0 } },
    });
    expect(scores(ranked)).toEqual([
      ["C", 87.5],
      ["A", 81.25],
      ["B", 56.25],
      ["D", 25],
    ]);
    expect(ranked[0]?.components).toEqual({ sharpe: 0.5, drawdown: 1 });
  });

  it("custom: consistency_weight reads the consistency score, diversification_weight the effective markets", () => {
    const ranked = scoreTournament({
      entries: [
        entrant("x", { consistencyScore: 0.2, diversification: 4 }),
        entrant("y", { consistencyScore: 0.8, diversification: 1 }),
      ],
      scoring: { method: "custom", weights: { consistency_weight: 1, diversification_weight: 1 } },
    });
    // x: (0.5 + 1) / 2 = 0.75; y: (1 + 0.5) / 2 = 0.75 → tie at 75, both P&L 0 → registration order.
    expect(scores(ranked)).toEqual([
      ["x", 75],
      ["y", 75],
    ]);
  });

  it("breaks equal scores by total P&L, then registration order", () => {
    const ranked = scoreTournament({
      entries: [
        entrant("first", { sharpeRatio: 1, totalPnl: 10 }),
        entrant("richer", { sharpeRatio: 1, totalPnl: 20 }),
        entrant("second", { sharpeRatio: 1, totalPnl: 10 }),
      ],
      scoring: { method: "sharpe" },
    });
    // All tied at Sharpe → average rank 2 of 3 → 66.666667 each.
    expect(ranked.map((r) => [r.entrantId, r.rank, r.score])).toEqual([
      ["richer", 1, 66.666667],
      ["first", 2, 66.666667],
      ["second", 3, 66.666667],
    ]);
  });

  it("gives a lone entrant 100", () => {
    expect(scores(scoreTournament({ entries: [entrant("solo", {})], scoring: { method: "risk_adjusted" } }))).toEqual([
      ["solo", 100],
    ]);
  });

  it("takes off over-trading and risk-violation points (seed 004), never below 0", () => {
    const ranked = scoreTournament({
      entries: [
        entrant("calm", { sharpeRatio: 1, turnover: 10 }),
        entrant("busy", { sharpeRatio: 3, turnover: 15 }, 1),
        entrant("frantic", { sharpeRatio: 2, turnover: 40 }, 3),
      ],
      scoring: {
        method: "sharpe",
        penalties: {
          overTrading: { turnoverThreshold: 10, maxPoints: 20 },
          riskViolations: { pointsPerViolation: 2, maxPoints: 5 },
        },
      },
    });
    // busy: base 100; turnover 15 → 20 × min(1, 5/10) = 10; 1 violation → 2: 100 - 12 = 88.
    // frantic: base 66.666667; turnover 40 → 20 × min(1, 3) = 20; 3 × 2 = 6 capped at 5: 41.666667.
    // calm: base 33.333333, turnover at the threshold → no penalty.
    expect(ranked.map((r) => [r.entrantId, r.baseScore, r.penaltyPoints, r.score])).toEqual([
      ["busy", 100, 12, 88],
      ["frantic", 66.666667, 25, 41.666667],
      ["calm", 33.333333, 0, 33.333333],
    ]);
    const floored = scoreTournament({
      entries: [entrant("a", { sharpeRatio: 1 }, 10), entrant("b", { sharpeRatio: 2 })],
      scoring: { method: "sharpe", penalties: { riskViolations: { pointsPerViolation: 10, maxPoints: 100 } } },
    });
    // a: base 50, penalty min(100, 10 × 10) = 100 → max(0, -50) = 0.
    expect(floored.find((r) => r.entrantId === "a")?.score).toBe(0);
  });

  it("refuses an invalid scoring config or bad entries before scoring", () => {
    expect(() => scoreTournament({ entries: field, scoring: { method: "custom" } })).toThrow(InvalidRankingInputError);
    expect(() => scoreTournament({ entries: [entrant("a", {}, -1)], scoring: { method: "pnl" } })).toThrow(
      /riskViolations is -1/,
    );
    expect(() =>
      scoreTournament({ entries: [entrant("a", {}), entrant("a", {})], scoring: { method: "pnl" } }),
    ).toThrow(/entrantId "a" appears more than once/);
  });
});
