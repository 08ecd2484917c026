import { describe, expect, it } from "vitest";
import { checkConfigFreeze } from "./configFreeze.ts";
import { InvalidConductInputError } from "./invalidConductInputError.ts";
import { thrownBy } from "./testing/thrownBy.ts";

const frozen = `0x${"ab".repeat(32)}`;
const edited = `0x${"cd".repeat(32)}`;
const at = (round: number, configHash: string) => ({ round, time: 1_735_689_600 + round * 3_600, configHash });

describe("config freeze (seed 003)", () => {
  it("forfeits a non-daily entry at the first round its config differs from the frozen hash", () => {
    const observations = [at(0, frozen), at(1, frozen.toUpperCase().replace("0X", "0x")), at(2, edited), at(3, frozen)];
    expect(checkConfigFreeze({ tournament: "non-daily", frozenConfigHash: frozen, observations })).toEqual({
      requirement: "config-freeze",
      round: 2,
      reason: `Config changed during the tournament: at round 2 the agent ran config ${edited}, not the frozen ${frozen}; the entry is forfeited.`,
      evidence: { frozenConfigHash: frozen, observedConfigHash: edited, round: 2, time: 1_735_689_600 + 7_200 },
    });
  });

  it("lets an unchanged config, or any edit in a daily tournament, through", () => {
    expect(
      checkConfigFreeze({ tournament: "non-daily", frozenConfigHash: frozen, observations: [at(0, frozen)] }),
    ).toBe(undefined);
    expect(checkConfigFreeze({ tournament: "daily", frozenConfigHash: frozen, observations: [at(0, edited)] })).toBe(
      undefined,
    );
  });

  it("rejects malformed hashes, listing each", () => {
    const error = thrownBy(() =>
      checkConfigFreeze({ tournament: "non-daily", frozenConfigHash: "0x12", observations: [at(4, "abc")] }),
    );
    expect(error).toBeInstanceOf(InvalidConductInputError);
    expect((error as InvalidConductInputError).problems).toEqual([
      'frozenConfigHash "0x12" is not a 32-byte 0x hex hash',
      'observations[0] (round 4): configHash "abc" is not a 32-byte 0x hex hash',
    ]);
  });
});
