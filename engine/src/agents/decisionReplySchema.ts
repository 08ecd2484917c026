import type { RoundObservation } from "./roundObservation.ts";

/** A JSON Schema document (draft 2020-12 subset accepted by OpenAI structured outputs and Anthropic tools). */
export type JsonSchema = { readonly [key: string]: unknown };

export type DecisionReplySchemaParameters = {
  observation: RoundObservation;
  /** Symbols the agent trades (its config's markets); absent: every asset of the round. */
  markets?: readonly string[];
};

/** Name of the schema (OpenAI `json_schema.name`) and of the forced tool (Anthropic). */
export const DECISION_SCHEMA_NAME = "submit_decision";

/**
 * The JSON schema a decision reply must match, for this round. Built per round because it names the
 * tradable symbols and follows the season's stop-loss rule: with stop orders the order's `stopLoss`
 * is there (null allowed only where the parser accepts it: reductions); without them (market orders
 * only, seed 002) there is no stop field at all.
 * Written for OpenAI's strict mode: every property required, optional ones nullable, no extra
 * properties. Amounts are decimal strings so that no float ever touches money.
 */
export function decisionReplySchema({ observation, markets }: DecisionReplySchemaParameters): JsonSchema {
  const allowed = new Set(markets ?? observation.assets.map((asset) => asset.symbol));
  const symbols = observation.assets.map((asset) => asset.symbol).filter((symbol) => allowed.has(symbol));
  const decimal = (description: string) => ({ type: ["string", "null"], description });
  const stops = observation.rules.stopOrders;
  const orderProperties: Record<string, unknown> = {
    symbol: { type: "string", enum: symbols, description: "Asset to trade." },
    side: { type: "string", enum: ["buy", "sell"], description: "buy adds to the net position, sell subtracts." },
    quantity: decimal('Units of the asset as a decimal string, e.g. "0.25"; null when notional is given.'),
    notional: decimal('Size in quote currency (USD) as a decimal string, e.g. "1500"; null when quantity is given.'),
    leverage: {
      type: ["number", "null"],
      description: "Leverage from 1 (at most two decimals); null for 1 or the position's own.",
    },
  };
  if (stops)
    orderProperties.stopLoss = decimal(
      "Stop-loss price of the position after the order, as a decimal string; mandatory when the order opens or adds to a position.",
    );
  const properties: Record<string, unknown> = {
    reasoning: { type: "string", description: "Your analysis, step by step, before the orders." },
    orders: {
      type: "array",
      description: "Market orders for this round; an empty array holds.",
      items: {
        type: "object",
        additionalProperties: false,
        required: Object.keys(orderProperties),
        properties: orderProperties,
      },
    },
  };
  if (stops)
    properties.stopLossUpdates = {
      type: "array",
      description: "Stop-loss moves for open positions (tighten only).",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["symbol", "stopLoss"],
        properties: {
          symbol: { type: "string", enum: symbols },
          stopLoss: { type: "string", description: "New stop-loss price as a decimal string." },
        },
      },
    };
  return { type: "object", additionalProperties: false, required: Object.keys(properties), properties };
}
