import { describe, expect, it } from "vitest";
import { compareModelFamilies, type ModelFamilySession } from "./modelFamilyComparison.ts";

const session = (
  entrantId: string,
  modelFamily: string,
  totalReturn: number | null,
  sharpeRatio: number | null,
  winRate: number | null,
): ModelFamilySession => ({ entrantId, modelFamily, totalReturn, sharpeRatio, winRate });

describe("compareModelFamilies (seed 000 model comparison view)", () => {
  it("averages return and Sharpe, summarizes win rates and picks best and worst sessions per family", () => {
    const summary = compareModelFamilies({
      sessions: [
        session("g1", "gpt", 0.1, 1.0, 0.4),
        session("c1", "claude", 0.2, 2.0, 0.6),
        session("g2", "gpt", -0.3, -1.0, 0.2),
        session("g3", "gpt", 0.05, null, 0.5),
        session("g4", "gpt", null, null, null),
        session("c2", "claude", 0.2, 1.0, 0.7),
      ],
    });
    expect(summary.map((family) => family.modelFamily)).toEqual(["claude", "gpt"]);
    const [claude, gpt] = summary;
    // claude: returns 0.2, 0.2 → 0.2; Sharpe (2 + 1) / 2 = 1.5; best and worst tie at 0.2 → first in input order.
    expect(claude).toMatchObject({
      sessions: 2,
      averageReturn: 0.2,
      averageSharpe: 1.5,
      bestSession: { entrantId: "c1", totalReturn: 0.2 },
      worstSession: { entrantId: "c1", totalReturn: 0.2 },
    });
    // gpt: returns (0.1 - 0.3 + 0.05) / 3 = -0.05; Sharpe over the two that exist (1 - 1) / 2 = 0.
    expect(gpt?.sessions).toBe(4);
    expect(gpt?.averageReturn).toBeCloseTo(-0.05, 15);
    expect(gpt?.averageSharpe).toBe(0);
    expect(gpt?.bestSession).toEqual({ entrantId: "g1", totalReturn: 0.1 });
    expect(gpt?.worstSession).toEqual({ entrantId: "g2", totalReturn: -0.3 });
    // Win rates 0.2, 0.4, 0.5 (np.percentile linear): q1 h = 0.5 → 0.3; median 0.4; q3 h = 1.5 → 0.45.
    expect(gpt?.winRateDistribution?.count).toBe(3);
    expect(gpt?.winRateDistribution?.min).toBe(0.2);
    expect(gpt?.winRateDistribution?.q1).toBeCloseTo(0.3, 15);
    expect(gpt?.winRateDistribution?.median).toBe(0.4);
    expect(gpt?.winRateDistribution?.q3).toBeCloseTo(0.45, 15);
    expect(gpt?.winRateDistribution?.max).toBe(0.5);
  });

  it("gives nulls for a family without data and does not depend on input order for families", () => {
    const sessions = [session("x", "rule-based", null, null, null), session("y", "deepseek", 0.01, 0.5, 1)];
    const forward = compareModelFamilies({ sessions });
    expect(forward).toEqual(compareModelFamilies({ sessions: [...sessions].reverse() }));
    expect(forward[1]).toEqual({
      modelFamily: "rule-based",
      sessions: 1,
      averageReturn: null,
      averageSharpe: null,
      winRateDistribution: null,
      bestSession: null,
      worstSession: null,
    });
  });

  it("rejects duplicate sessions and empty family names", () => {
    expect(() =>
      compareModelFamilies({ sessions: [session("a", " ", 0, 0, 0), session("a", "gpt", 0, 0, 0)] }),
    ).toThrow(/entrantId "a" appears more than once.*sessions\[0\]\.modelFamily is empty/s);
  });
});
