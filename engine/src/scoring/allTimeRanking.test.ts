import { describe, expect, it } from "vitest";
import { rankAllTime, type SeasonResult, type SeasonStanding } from "./allTimeRanking.ts";
import { InvalidRankingInputError } from "./invalidRankingInputError.ts";

/**
 * A season of 100 where rank r has return (100 - r) / 100 and Sharpe (100 - r) / 10, so the
 * placement, return and Sharpe percentiles all equal (100 - r + 1) / 100: the season score of
 * rank r is (101 - r) / 100 whatever the weights (rank 1 → 1.00, rank 20 → 0.81).
 */
function season(seasonId: string, named: Record<number, string>): SeasonResult {
  const standings: SeasonStanding[] = Array.from({ length: 100 }, (_, i) => {
    const rank = i + 1;
    return {
      participantId: named[rank] ?? `${seasonId}-field-${rank}`,
      rank,
      totalReturn: (100 - rank) / 100,
      sharpeRatio: (100 - rank) / 10,
    };
  });
  return { seasonId, standings };
}

function pointsOf(ranking: ReturnType<typeof rankAllTime>, id: string) {
  return ranking.find((row) => row.participantId === id);
}

describe("rankAllTime (seeds 000 and 004)", () => {
  it("lets a top-20 finisher every season overtake a one-time winner who disappeared", () => {
    const seasons = [season("s1", { 1: "one-time-winner", 20: "steady" })];
    for (let s = 2; s <= 6; s++) seasons.push(season(`s${s}`, { 20: "steady" }));

    // After season 1 only: winner 1.00 vs steady 0.81.
    const afterOne = rankAllTime({ seasons: seasons.slice(0, 1), halfLifeSeasons: 2 });
    expect(pointsOf(afterOne, "one-time-winner")?.points).toBe(1);
    expect(pointsOf(afterOne, "steady")?.points).toBe(0.81);
    expect(
      (pointsOf(afterOne, "one-time-winner")?.rank as number) < (pointsOf(afterOne, "steady")?.rank as number),
    ).toBe(true);

    // After season 2 (half-life 2, age-1 weight 0.5^(1/2) = 0.70710678):
    // winner 1 × 0.70710678 = 0.707107; steady 0.81 × 1.70710678 = 1.38275649 → 1.382756.
    const afterTwo = rankAllTime({ seasons: seasons.slice(0, 2), halfLifeSeasons: 2 });
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: points are rounded to 6 decimals, so not Math.SQRT1_2
    expect(pointsOf(afterTwo, "one-time-winner")?.points).toBe(0.707107);
    expect(pointsOf(afterTwo, "steady")?.points).toBe(1.382756);

    // After six seasons: winner 0.5^(5/2) = 0.176777; steady 0.81 × Σ_{a=0..5} 0.5^(a/2)
    // = 0.81 × (1 + 0.707107 + 0.5 + 0.353553 + 0.25 + 0.176777) = 0.81 × 2.987437 = 2.419824.
    const afterSix = rankAllTime({ seasons, halfLifeSeasons: 2 });
    const steady = pointsOf(afterSix, "steady");
    const winner = pointsOf(afterSix, "one-time-winner");
    expect(winner?.points).toBe(0.176777);
    expect(steady?.points).toBe(2.419824);
    expect((steady?.rank as number) < (winner?.rank as number)).toBe(true);
    expect(steady?.seasonsPlayed).toBe(6);
    expect(steady?.participationRate).toBe(1);
    expect(steady?.bestRank).toBe(20);
    expect(steady?.placements.map((p) => p.rank)).toEqual([20, 20, 20, 20, 20, 20]);
  });

  it("decays older results: the same win counts less the longer ago it was", () => {
    const seasons = [season("s1", { 1: "early" }), season("s2", {}), season("s3", { 1: "late" })];
    const ranking = rankAllTime({ seasons, halfLifeSeasons: 1 });
    // early: 0.5^(2/1) = 0.25; late: 1.
    expect(pointsOf(ranking, "early")?.points).toBe(0.25);
    expect(pointsOf(ranking, "late")?.points).toBe(1);
    expect(ranking[0]?.participantId).toBe("late");
  });

  it("summarizes cumulative return, average Sharpe and participation", () => {
    const seasons: SeasonResult[] = [
      { seasonId: "a", standings: [{ participantId: "p", rank: 1, totalReturn: 0.1, sharpeRatio: 2 }] },
      { seasonId: "b", standings: [{ participantId: "q", rank: 1, totalReturn: 0, sharpeRatio: null }] },
      {
        seasonId: "c",
        standings: [
          { participantId: "q", rank: 1, totalReturn: 0.2, sharpeRatio: 1 },
          { participantId: "p", rank: 2, totalReturn: -0.1, sharpeRatio: null },
        ],
      },
    ];
    const p = pointsOf(rankAllTime({ seasons, halfLifeSeasons: 4 }), "p");
    // (1 + 0.1)(1 - 0.1) - 1 = -0.01; Sharpe mean over the seasons that have one = 2; played 2 of 3.
    expect(p?.cumulativeReturn).toBeCloseTo(-0.01, 15);
    expect(p?.averageSharpe).toBe(2);
    expect(p?.participationRate).toBeCloseTo(2 / 3, 15);
    // q joined in season b: 2 of the 2 seasons since.
    expect(pointsOf(rankAllTime({ seasons, halfLifeSeasons: 4 }), "q")?.participationRate).toBe(1);
  });

  it("orders ties by seasons played, best rank, then participant id, not by input order", () => {
    const standings = (ids: string[]): SeasonResult => ({
      seasonId: ids.join(","),
      standings: ids.map((participantId, i) => ({ participantId, rank: i + 1, totalReturn: null, sharpeRatio: null })),
    });
    // Weight only on placement: both 'b' and 'a' place 1st of 1 in one season each → 1 point × decay.
    const ranking = rankAllTime({
      seasons: [standings(["b"]), standings(["a"])],
      halfLifeSeasons: Number.MAX_VALUE,
      weights: { placement: 1, performance: 0, riskAdjusted: 0 },
    });
    expect(ranking.map((r) => [r.participantId, r.points])).toEqual([
      ["a", 1],
      ["b", 1],
    ]);
  });

  it("reports bad seasons, ranks and parameters together", () => {
    let caught: unknown;
    try {
      rankAllTime({
        seasons: [
          {
            seasonId: "s",
            standings: [
              { participantId: "x", rank: 1, totalReturn: 0, sharpeRatio: 0 },
              { participantId: "y", rank: 1, totalReturn: 0, sharpeRatio: 0 },
            ],
          },
          { seasonId: "s", standings: [] },
        ],
        halfLifeSeasons: 0,
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidRankingInputError);
    expect((caught as InvalidRankingInputError).problems).toEqual([
      'seasonId "s" appears more than once',
      "halfLifeSeasons is 0: it must be a positive number of seasons",
      "season s: y has rank 1; ranks must be 1..2, each once",
    ]);
  });
});
