import { describe, expect, it } from "vitest";
import { InvalidRankingInputError } from "./invalidRankingInputError.ts";
import {
  assertTournamentScoringConfig,
  componentWeights,
  findTournamentScoringProblems,
} from "./tournamentScoringConfig.ts";

describe("componentWeights", () => {
  it("uses seed 003's weights for the named methods", () => {
    expect(componentWeights({ method: "risk_adjusted" })).toEqual({ sharpe: 0.4, sortino: 0.3, drawdown: 0.3 });
    expect(componentWeights({ method: "consistency" })).toEqual({ win_rate: 0.4, profit_factor: 0.3, sortino: 0.3 });
    expect(componentWeights({ method: "pnl" })).toEqual({ pnl: 1 });
    expect(componentWeights({ method: "sharpe" })).toEqual({ sharpe: 1 });
  });

  it("maps custom weight keys to components and drops zero weights", () => {
    expect(
      componentWeights({
        method: "custom",
        weights: { win_rate_weight: 2, consistency_weight: 0, drawdown_weight: 1 },
      }),
    ).toEqual({ win_rate: 2, drawdown: 1 });
  });
});

describe("findTournamentScoringProblems", () => {
  it("reports every problem in a config at once", () => {
    const config = JSON.parse(
      '{"method":"custom","weights":{"sharpe_weight":-1,"alpha_weight":1},"penalties":{"overTrading":{"turnoverThreshold":0,"maxPoints":500}},"typo":1}',
    );
    expect(findTournamentScoringProblems(config)).toEqual([
      "scoring.typo is not a scoring field: use method, weights, penalties",
      "scoring.weights.sharpe_weight is -1: it must be a finite number >= 0",
      "scoring.weights.alpha_weight is not a weight key: use pnl_weight, sharpe_weight, sortino_weight, win_rate_weight, consistency_weight, drawdown_weight, diversification_weight",
      "scoring.penalties.overTrading.turnoverThreshold is 0: it must be a number > 0",
      "scoring.penalties.overTrading.maxPoints is 500: it must be points between 0 and 100",
    ]);
  });

  it("rejects unknown methods, missing or all-zero custom weights, and weights on a named method", () => {
    expect(findTournamentScoringProblems({ method: "elo" })).toEqual([
      'scoring.method is "elo": use one of pnl, risk_adjusted, consistency, sharpe, custom',
    ]);
    expect(findTournamentScoringProblems({ method: "custom" })).toEqual([
      "scoring.weights is required by the custom method",
    ]);
    expect(findTournamentScoringProblems({ method: "custom", weights: { pnl_weight: 0 } })).toEqual([
      "scoring.weights has no positive weight: give at least one weight above 0",
    ]);
    expect(findTournamentScoringProblems({ method: "sharpe", weights: { pnl_weight: 1 } })).toEqual([
      'scoring.weights is only read by the custom method, not "sharpe": remove it',
    ]);
    expect(findTournamentScoringProblems(null)).toEqual(["scoring config must be an object"]);
    expect(
      findTournamentScoringProblems({
        method: "pnl",
        penalties: { riskViolations: { pointsPerViolation: 1 }, fines: 1 },
      }),
    ).toEqual([
      "scoring.penalties.fines is not a penalty: use overTrading, riskViolations",
      "scoring.penalties.riskViolations.maxPoints is undefined: it must be points between 0 and 100",
    ]);
  });

  it("accepts valid configs, and assert throws one error listing the problems", () => {
    const valid = {
      method: "custom",
      weights: { sharpe_weight: 0.5, drawdown_weight: 0.5 },
      penalties: { overTrading: { turnoverThreshold: 50, maxPoints: 10 } },
    };
    expect(findTournamentScoringProblems(valid)).toEqual([]);
    expect(assertTournamentScoringConfig(valid)).toBe(valid);
    expect(() => assertTournamentScoringConfig({ method: "elo" })).toThrow(InvalidRankingInputError);
    expect(() => assertTournamentScoringConfig({ method: "elo" })).toThrow(/Hint: Example/);
  });
});
