import { describe, expect, it } from "vitest";
import { type AgentDecisionRecord, agentQualityIndex } from "./agentQualityIndex.ts";
import { InvalidRankingInputError } from "./invalidRankingInputError.ts";

const DAY = 86_400_000;
const asOf = Date.UTC(2026, 0, 31); // injected "now" for the window
const decision = (overrides: Partial<AgentDecisionRecord>): AgentDecisionRecord => ({
  time: asOf - DAY,
  reasoning: "",
  valid: true,
  executed: true,
  positionsOpened: 0,
  positionsWithStopLoss: 0,
  positionsWithTakeProfit: 0,
  ...overrides,
});

const decisions: AgentDecisionRecord[] = [
  // Outside the 90-day window (exactly 90 days old is excluded): ignored although rich in indicators.
  decision({ time: asOf - 90 * DAY, reasoning: "ADX ATR CCI OBV VWAP Ichimoku", positionsOpened: 5 }),
  decision({
    reasoning: "1. RSI is 72, overbought.\n2. MACD crossed down.\n3. Sell with a stop 8% away.",
    positionsOpened: 1,
    positionsWithStopLoss: 1,
    positionsWithTakeProfit: 1,
  }),
  decision({ reasoning: "Bollinger bands are wide. Price is near the upper band. Hold." }),
  decision({
    reasoning: "- EMA20 above EMA50\n- volume rising",
    executed: false,
    positionsOpened: 1,
    positionsWithStopLoss: 1,
  }),
  decision({ time: asOf, reasoning: "", valid: false, executed: false }),
];

describe("agentQualityIndex (seed 003: 30% goals, 25% risk, 25% signals, 20% reasoning)", () => {
  it("combines the four components over the 90-day window", () => {
    const aqi = agentQualityIndex({ decisions, asOf });
    // 4 decisions in the window (the one at asOf is included).
    // Goal execution: valid and executed 2 of 4 = 0.5 (no goal scores).
    // Risk discipline: 2 positions opened, 2 with stops, 1 with a target: (2/2 + 1/2) / 2 = 0.75.
    // Signals: RSI, MACD, Bollinger, EMA = 4 distinct / 6 = 0.666667.
    // Reasoning: steps 3 + 3 + 2 + 0 = 8 over 4 decisions = 2 / 8 = 0.25.
    // AQI = 100 × (0.3 × 0.5 + 0.25 × 0.75 + 0.25 × 4/6 + 0.2 × 0.25)
    //     = 100 × (0.15 + 0.1875 + 0.1666667 + 0.05) = 55.416667
    expect(aqi).toEqual({
      index: 55.416667,
      decisions: 4,
      goalExecution: 0.5,
      riskDiscipline: 0.75,
      signalSophistication: 4 / 6,
      reasoningDepth: 0.25,
      indicators: ["Bollinger", "EMA", "MACD", "RSI"],
    });
  });

  it("blends graded goal scores with the completion rate and trusts declared counts", () => {
    const aqi = agentQualityIndex({
      decisions: [
        decision({ goalScore: 0.6, reasoningSteps: 16, indicators: ["rsi", "RSI", "Funding rate"] }),
        decision({ goalScore: 1, executed: false, reasoningSteps: 16 }),
      ],
      asOf,
    });
    // Completion 1/2, mean goal score 0.8 → (0.5 + 0.8) / 2 = 0.65. Declared indicators: RSI and
    // "funding rate" = 2 → 2/6; the second decision declares none, so its (empty) text is scanned.
    // Steps 16 per decision / 8 → capped at 1. No position opened → risk 0.
    // 100 × (0.3 × 0.65 + 0 + 0.25 × 1/3 + 0.2 × 1) = 100 × (0.195 + 0.0833333 + 0.2) = 47.833333
    expect(aqi.goalExecution).toBeCloseTo(0.65, 15);
    expect(aqi.indicators).toEqual(["RSI", "funding rate"]);
    expect(aqi.reasoningDepth).toBe(1);
    expect(aqi.riskDiscipline).toBe(0);
    expect(aqi.index).toBe(47.833333);
  });

  it("is null with no decision in the window, and 100 at full marks", () => {
    expect(agentQualityIndex({ decisions: [], asOf }).index).toBeNull();
    expect(agentQualityIndex({ decisions: [decision({ time: asOf + 1 })], asOf }).index).toBeNull();
    const perfect = decision({
      reasoning: "1. RSI\n2. MACD\n3. EMA\n4. SMA\n5. ATR\n6. VWAP\n7. OBV\n8. ADX",
      positionsOpened: 2,
      positionsWithStopLoss: 2,
      positionsWithTakeProfit: 2,
    });
    expect(agentQualityIndex({ decisions: [perfect], asOf }).index).toBe(100);
  });

  it("reports every bad field at once", () => {
    let caught: unknown;
    try {
      agentQualityIndex({
        decisions: [decision({ positionsOpened: 1, positionsWithStopLoss: 2, goalScore: 1.5, reasoningSteps: -1 })],
        asOf,
        windowDays: 0,
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidRankingInputError);
    expect((caught as InvalidRankingInputError).problems).toEqual([
      "windowDays is 0: it must be > 0",
      "decisions[0].reasoningSteps is -1: it must be a non-negative integer",
      "decisions[0] covers more positions with stops or targets than it opened (1)",
      "decisions[0].goalScore is 1.5: it must be within [0, 1]",
    ]);
  });
});
