/**
 * A round with one record of every type (the conduct records last), two entrants and two assets:
 * the shared input of the commitments tests. Numbers are small and hand-checkable (8-decimal fixed point: 100n * FIXED_ONE
 * is 100).
 */
import type { Address, Hex } from "viem";
import type { Fill } from "../../domain/fill.ts";
import { FIXED_ONE } from "../../money/fixed.ts";
import type { CommitmentDomain } from "../commitmentDomain.ts";
import type { CommittedRecord } from "../committedRecord.ts";
import type { CreateRoundArtifactParameters, RoundDecision } from "../roundArtifact.ts";
import type { EntrantStanding } from "../standingsLeaves.ts";

export const fixtureDomain: CommitmentDomain = {
  chainId: 31_337n,
  arena: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  seasonId: 1n,
};

export const fixtureRulesHash: Hex = `0x${"ab".repeat(32)}`;
export const fixtureWallets: Address[] = [
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
];

const TIME = 1_704_153_600; // 2024-01-02T00:00:00Z
const ROUND = 24;
const head = (entrantId: string) => ({ round: ROUND, time: TIME, entrantId });

const fill = (overrides: Partial<Fill> = {}): Fill => ({
  kind: "order",
  entrantId: "alpha",
  round: ROUND,
  time: TIME,
  symbol: "BTC",
  side: "buy",
  quantity: FIXED_ONE / 10n, // 0.1 BTC
  price: 42_000n * FIXED_ONE,
  notional: 4_200n * FIXED_ONE,
  fee: 2n * FIXED_ONE,
  realizedPnl: 0n,
  positionAfter: FIXED_ONE / 10n,
  excludedFromScoring: false,
  clientOrderId: "a-1",
  ...overrides,
});

export const fixtureRecords: CommittedRecord[] = [
  {
    ...head("alpha"),
    type: "orderFilled",
    order: { clientOrderId: "a-1", symbol: "BTC", side: "buy", quantity: FIXED_ONE / 10n, leverage: 2 },
    fill: fill(),
  },
  {
    ...head("beta"),
    type: "orderCancelled",
    order: { clientOrderId: "b-1", symbol: "ETH", side: "buy", notional: 9_000n * FIXED_ONE },
    denial: {
      kind: "denied",
      reason: "POSITION_CAP_EXCEEDED",
      message: "ETH would take 90% of equity, above the 25% cap",
      context: {
        symbol: "ETH",
        measure: "notional",
        positionValue: 9_000n * FIXED_ONE,
        equity: 10_000n * FIXED_ONE,
        limit: 2_500n * FIXED_ONE,
        maxShareBps: 2_500,
      },
    },
  },
  {
    ...head("alpha"),
    type: "stopLossUpdated",
    update: { clientOrderId: "a-2", symbol: "BTC", stopLoss: 40_000n * FIXED_ONE },
    previousStopLoss: 39_000n * FIXED_ONE,
  },
  {
    ...head("alpha"),
    type: "stopLossUpdateDenied",
    update: { clientOrderId: "a-3", symbol: "BTC", stopLoss: 38_000n * FIXED_ONE },
    denial: {
      kind: "denied",
      reason: "STOP_LOSS_WIDENED",
      message: "stops may only be tightened",
      context: { symbol: "BTC", side: "long", stopLoss: 38_000n * FIXED_ONE, currentStopLoss: 40_000n * FIXED_ONE },
    },
  },
  {
    ...head("beta"),
    type: "riskEvent",
    event: {
      kind: "stopLossTriggered",
      symbol: "ETH",
      side: "long",
      stopLoss: 2_100n * FIXED_ONE,
      gap: false,
      fill: fill({ kind: "stopLoss", entrantId: "beta", symbol: "ETH", side: "sell", positionAfter: 0n }),
    },
  },
  {
    ...head("beta"),
    type: "riskEvent",
    event: {
      kind: "dailyDrawdownPause",
      equity: 8_900n * FIXED_ONE,
      dayStartEquity: 10_000n * FIXED_ONE,
      thresholdBps: 1_000,
      pausedUntil: TIME + 86_400,
    },
  },
  {
    ...head("beta"),
    type: "forcedLiquidation",
    reason: "seasonDrawdown",
    fills: [fill({ kind: "liquidation", entrantId: "beta", side: "sell", positionAfter: 0n, realizedPnl: -FIXED_ONE })],
  },
  { ...head("beta"), type: "statusChanged", from: "active", to: "terminated" },
  {
    ...head("alpha"),
    type: "mark",
    equity: 10_050n * FIXED_ONE,
    cash: 7_948n * FIXED_ONE,
    unrealizedPnl: 50n * FIXED_ONE,
    realizedPnl: 0n,
    feesPaid: 2n * FIXED_ONE,
    status: "active",
  },
  {
    ...head("alpha"),
    type: "conductDenied",
    request: { kind: "stopLossUpdate", update: { clientOrderId: "a-4", symbol: "BTC", stopLoss: 37_000n * FIXED_ONE } },
    denial: {
      entrant: "alpha",
      round: ROUND,
      time: TIME,
      symbol: "BTC",
      orderId: null,
      reasonCode: "BANNED_STRATEGY",
      rules: ["stop-loss-widening"],
      reason: "the stop would move from 40,000 to 37,000, away from the price",
      violations: [
        {
          detector: "stop-loss-widening",
          rounds: [ROUND],
          reason: "the stop would move from 40,000 to 37,000, away from the price",
          evidence: { symbol: "BTC", from: "4000000000000", to: "3700000000000" },
        },
      ],
    },
  },
  {
    ...head("beta"),
    type: "conductOutcome",
    outcome: {
      entrant: "beta",
      action: "disqualify",
      status: "disqualified",
      rule: "wash-trading",
      round: ROUND,
      rounds: [ROUND - 2, ROUND - 1, ROUND],
      reason: "bought and sold ETH in the same round three times",
      evidence: { symbol: "ETH", pairs: 3 },
    },
  },
];

export const fixtureStandings: EntrantStanding[] = [
  {
    entrantIndex: 0,
    entrantId: "alpha",
    status: "active",
    equity: 10_050n * FIXED_ONE,
    positions: [
      {
        symbol: "BTC",
        quantity: FIXED_ONE / 10n,
        averageEntryPrice: 42_000n * FIXED_ONE,
        markPrice: 42_500n * FIXED_ONE,
        stopLoss: 40_000n * FIXED_ONE,
      },
    ],
    totalReturn: 0.005,
    sharpeRatio: null,
    maxDrawdown: 0,
  },
  {
    entrantIndex: 2,
    entrantId: "beta",
    status: "terminated",
    equity: 5_900n * FIXED_ONE,
    positions: [],
    totalReturn: -0.41,
    sharpeRatio: -3.25,
    maxDrawdown: 0.41,
  },
];

export const fixtureDecisions: RoundDecision[] = [
  {
    entrantIndex: 0,
    decision: {
      outcome: "trade",
      orders: [{ clientOrderId: "a-1", symbol: "BTC", side: "buy", quantity: FIXED_ONE / 10n, leverage: 2 }],
      stopLossUpdates: [
        { clientOrderId: "a-2", symbol: "BTC", stopLoss: 40_000n * FIXED_ONE },
        { clientOrderId: "a-3", symbol: "BTC", stopLoss: 38_000n * FIXED_ONE },
      ],
      reasoning: "Momentum above the 20-bar average.",
    },
  },
  {
    entrantIndex: 2,
    decision: {
      outcome: "trade",
      orders: [{ clientOrderId: "b-1", symbol: "ETH", side: "buy", notional: 9_000n * FIXED_ONE }],
      stopLossUpdates: [],
      reasoning: "All in.",
    },
  },
];

/** The whole round; entrant indices 0 and 2 (index 1 withdrew before the start). */
export function fixtureRound(overrides: Partial<CreateRoundArtifactParameters> = {}): CreateRoundArtifactParameters {
  return {
    domain: fixtureDomain,
    roundIndex: 3,
    round: ROUND,
    time: TIME,
    prices: [
      {
        symbol: "BTC",
        bar: {
          time: TIME,
          open: 42_000n * FIXED_ONE,
          high: 42_900n * FIXED_ONE,
          low: 41_800n * FIXED_ONE,
          close: 42_500n * FIXED_ONE,
          volume: 1_234n * FIXED_ONE,
        },
      },
      {
        symbol: "ETH",
        bar: {
          time: TIME,
          open: 2_200n * FIXED_ONE,
          high: 2_210n * FIXED_ONE,
          low: 2_050n * FIXED_ONE,
          close: 2_080n * FIXED_ONE,
          volume: 9_876n * FIXED_ONE,
          filled: true,
        },
      },
    ],
    entrants: [
      { entrantIndex: 0, entrantId: "alpha" },
      { entrantIndex: 2, entrantId: "beta" },
    ],
    decisions: fixtureDecisions,
    records: fixtureRecords,
    standings: fixtureStandings,
    ...overrides,
  };
}
