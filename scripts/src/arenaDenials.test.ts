import { expect, test } from "vitest";
import { countDenials, formatDenials, type RoundArtifactRecords } from "./arenaDenials.ts";

// Records as a round artifact holds them (docs/commitments.md): entrant ids map to indices through `entrants`.
const round = (records: RoundArtifactRecords["records"]): RoundArtifactRecords => ({
  entrants: [
    { entrantIndex: 0, entrantId: "alpha" },
    { entrantIndex: 3, entrantId: "widener" },
  ],
  records,
});

test("denials are counted per entrant and reason across rounds; fills, flags and marks are not denials", () => {
  const denials = countDenials([
    round([
      { type: "orderFilled", entrantId: "alpha" },
      { type: "orderCancelled", entrantId: "alpha", denial: { reason: "POSITION_CAP_EXCEEDED" } },
      { type: "conductDenied", entrantId: "widener", denial: { rules: ["stop-loss-widening"] } },
      { type: "conductOutcome", entrantId: "widener" },
    ]),
    round([
      { type: "stopLossUpdateDenied", entrantId: "widener", denial: { reason: "STOP_LOSS_WIDENED" } },
      { type: "conductDenied", entrantId: "widener", denial: { rules: ["stop-loss-widening"] } },
      { type: "mark", entrantId: "alpha" },
    ]),
  ]);
  expect([...denials.keys()].sort()).toEqual([0, 3]);
  expect(denials.get(0)?.total).toBe(1);
  expect(denials.get(3)?.total).toBe(3);
  expect(Object.fromEntries(denials.get(3)?.byReason ?? [])).toEqual({ "stop-loss-widening": 2, STOP_LOSS_WIDENED: 1 });
  expect(formatDenials(denials.get(3))).toBe("3 (stop-loss-widening 2, STOP_LOSS_WIDENED 1)");
  expect(formatDenials(denials.get(0))).toBe("1 (POSITION_CAP_EXCEEDED 1)");
  expect(formatDenials(undefined)).toBe("-");
});

test("a record naming an entrant the artifact does not list is refused", () => {
  expect(() =>
    countDenials([round([{ type: "orderCancelled", entrantId: "ghost", denial: { reason: "MIN_SIZE" } }])]),
  ).toThrow(/unknown entrant/);
});
