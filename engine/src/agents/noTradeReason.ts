import type { AgentDecision } from "./agent.ts";

/**
 * Why a round ended without a usable decision. Reply problems (the model answered, but not with a
 * decision the engine may pass on) and call problems (no usable answer arrived) are kept apart so
 * that statistics can tell a careless model from a flaky endpoint.
 */
export const replyProblemCodes = [
  /** The reply is not JSON (or the JSON is truncated). */
  "MALFORMED_JSON",
  /** JSON, but not the decision schema: missing or extra fields, wrong types. */
  "SCHEMA_MISMATCH",
  /** A quantity, notional, price or leverage that is not a positive decimal in range. */
  "INVALID_NUMBER",
  /** An order or stop update on an asset outside the season's universe. */
  "UNKNOWN_ASSET",
  /** An order that opens or adds to a position without the mandatory stop-loss (seed 001). */
  "MISSING_STOP_LOSS",
  /** A stop-loss further from the price than the season allows (seed 001: 8%). */
  "STOP_LOSS_TOO_FAR",
  /** A stop-loss on the wrong side of the market (it would fire at once). */
  "STOP_LOSS_WRONG_SIDE",
  /** A stop-loss in a season of market orders only (seed 002). */
  "STOP_ORDERS_NOT_OFFERED",
  /** An order larger than the per-asset cap, or than the agent's own limits, allow. */
  "ORDER_TOO_LARGE",
  /** More orders or updates than a round accepts. */
  "TOO_MANY_ORDERS",
  /** The model declined to answer. */
  "REFUSAL",
  /** The model returned nothing usable (no content, no tool call). */
  "EMPTY_REPLY",
  /** The model stopped at its token limit: the reply is cut off. */
  "TRUNCATED_REPLY",
] as const;

export const callProblemCodes = [
  /** No reply within the per-call timeout, after every retry. */
  "TIMEOUT",
  /** HTTP 429 after every retry, or a Retry-After longer than the agent will wait. */
  "RATE_LIMITED",
  /** Any other non-2xx status (5xx after every retry, 4xx at once). */
  "HTTP_ERROR",
  /** The connection failed (refused, reset, DNS), after every retry. */
  "NETWORK_ERROR",
  /** The response body exceeded the size cap. */
  "REPLY_TOO_LARGE",
  /** The endpoint answered 2xx with a body that is not its wire format. */
  "PROTOCOL_ERROR",
] as const;

export const noTradeReasonCodes = [...replyProblemCodes, ...callProblemCodes] as const;
export type NoTradeReasonCode = (typeof noTradeReasonCodes)[number];
export type ReplyProblemCode = (typeof replyProblemCodes)[number];
export type CallProblemCode = (typeof callProblemCodes)[number];

export type NoTradeReason = { code: NoTradeReasonCode; detail: string };

/** A no-trade decision: no orders, no stop updates, the reason, and whatever reasoning arrived. */
export function noTradeDecision(code: NoTradeReasonCode, detail: string, reasoning = ""): AgentDecision {
  return { orders: [], stopLossUpdates: [], reasoning, outcome: "no-trade", noTradeReason: { code, detail } };
}
