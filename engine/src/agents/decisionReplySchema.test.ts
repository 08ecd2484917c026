import { describe, expect, it } from "vitest";
import { decisionReplySchema, type JsonSchema } from "./decisionReplySchema.ts";
import { macroRules, testAsset, testObservation } from "./testing/testObservation.ts";

/** The properties of an order in the schema. */
const orderProperties = (schema: JsonSchema) => {
  const orders = (schema.properties as Record<string, JsonSchema>).orders;
  if (orders === undefined) throw new Error("the schema has no orders");
  return (orders.items as JsonSchema).properties as Record<string, JsonSchema>;
};

/** OpenAI strict mode: every object closed, every property required (optional ones nullable). */
function assertStrict(schema: JsonSchema, path = "$"): void {
  if (schema.type === "object") {
    expect(schema.additionalProperties, path).toBe(false);
    const properties = schema.properties as Record<string, JsonSchema>;
    expect([...(schema.required as string[])].sort(), path).toEqual(Object.keys(properties).sort());
    for (const [key, value] of Object.entries(properties)) assertStrict(value, `${path}.${key}`);
  }
  if (schema.type === "array") assertStrict(schema.items as JsonSchema, `${path}[]`);
}

describe("decisionReplySchema", () => {
  it("names the round's symbols and requires a stop-loss field where stops exist, in OpenAI strict form", () => {
    const schema = decisionReplySchema({ observation: testObservation() });
    assertStrict(schema);
    const properties = schema.properties as Record<string, JsonSchema>;
    expect(Object.keys(properties)).toEqual(["reasoning", "orders", "stopLossUpdates"]);
    const order = orderProperties(schema);
    expect(order.symbol?.enum).toEqual(["BTC", "ETH"]);
    expect(Object.keys(order)).toEqual(["symbol", "side", "quantity", "notional", "leverage", "stopLoss"]);
    expect(order.quantity?.type).toEqual(["string", "null"]);
  });

  it("has no stop-loss anywhere in a market-only season, and only the agent's markets", () => {
    const observation = testObservation({
      rules: macroRules,
      assets: [testAsset("SPY", 500, "equity-etf"), testAsset("GLD", 200, "commodity")],
    });
    const schema = decisionReplySchema({ observation, markets: ["GLD"] });
    assertStrict(schema);
    expect(JSON.stringify(schema)).not.toContain("stopLoss");
    const order = orderProperties(schema);
    expect(order.symbol?.enum).toEqual(["GLD"]);
  });
});
