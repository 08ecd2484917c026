import { describe, expect, it } from "vitest";
import { redactSecrets } from "./redactSecrets.ts";

describe("redactSecrets", () => {
  it("replaces every occurrence of each secret", () => {
    expect(redactSecrets("key=abcdefgh12 and again abcdefgh12", ["abcdefgh12"])).toBe(
      "key=[redacted] and again [redacted]",
    );
  });

  it("leaves text alone when there is no secret, and ignores values too short to be keys", () => {
    expect(redactSecrets("plain text", [])).toBe("plain text");
    expect(redactSecrets("a short abc", ["abc"])).toBe("a short abc");
  });
});
