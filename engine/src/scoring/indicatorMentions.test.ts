import { describe, expect, it } from "vitest";
import { canonicalIndicator, indicatorMentions } from "./indicatorMentions.ts";

describe("indicatorMentions", () => {
  it("finds indicators by name or abbreviation, whole words only, sorted", () => {
    expect(
      indicatorMentions(
        "RSI(14) at 72; the MACD histogram fell; EMA20 > EMA50; Bollinger upper band; average true range up",
      ),
    ).toEqual(["ATR", "Bollinger", "EMA", "MACD", "RSI"]);
    // "pressure" contains no indicator; "vwapx" is not the word VWAP.
    expect(indicatorMentions("buying pressure near vwapx")).toEqual([]);
  });

  it("maps declared names to canonical ones, keeping unknown names lower-cased", () => {
    expect(canonicalIndicator("rsi")).toBe("RSI");
    expect(canonicalIndicator("Bollinger Bands")).toBe("Bollinger");
    expect(canonicalIndicator("  Funding Rate ")).toBe("funding rate");
  });
});
