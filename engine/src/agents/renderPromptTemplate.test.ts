import { describe, expect, it } from "vitest";
import { renderPromptTemplate, templatePlaceholders } from "./renderPromptTemplate.ts";

const values = { name: "Ada", style: "momentum", symbols: "BTC, ETH", arena: "llmtrader", season: "Season 1" };

describe("renderPromptTemplate", () => {
  it("fills the known placeholders, tolerating spaces inside the braces", () => {
    expect(
      renderPromptTemplate("I am {{name}} ({{ style }}) trading {{symbols}} in {{arena}}/{{season}}.", values),
    ).toBe("I am Ada (momentum) trading BTC, ETH in llmtrader/Season 1.");
  });

  it("leaves unknown slots as written (the validator reports them)", () => {
    expect(renderPromptTemplate("{{news}} and {{name}}", values)).toBe("{{news}} and Ada");
    expect(templatePlaceholders("{{news}} and {{ name }} and {{name}}")).toEqual(["news", "name", "name"]);
  });

  it("does not expand placeholders inside substituted values", () => {
    expect(renderPromptTemplate("{{name}}", { ...values, name: "{{style}}" })).toBe("{{style}}");
  });
});
