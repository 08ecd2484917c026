import { describe, expect, it } from "vitest";
import { findDuplicateIds, InvalidRankingInputError } from "./invalidRankingInputError.ts";

describe("InvalidRankingInputError", () => {
  it("lists every problem with a hint", () => {
    const error = new InvalidRankingInputError("thing", ["a is wrong", "b is wrong"], "Fix a and b.");
    expect(error.message).toBe("Invalid thing: 2 problems.\nDetails: a is wrong; b is wrong\nHint: Fix a and b.");
    expect(error.problems).toEqual(["a is wrong", "b is wrong"]);
  });

  it("reports each repeated id once", () => {
    expect(findDuplicateIds(["x", "y", "x", "x", "z", "y"], "entrantId")).toEqual([
      'entrantId "x" appears more than once',
      'entrantId "y" appears more than once',
    ]);
    expect(findDuplicateIds(["x", "y"], "entrantId")).toEqual([]);
  });
});
