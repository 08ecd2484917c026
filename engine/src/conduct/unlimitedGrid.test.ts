import { describe, expect, it } from "vitest";
import { activityScript, fx } from "./testing/activityScript.ts";
import { createUnlimitedGridDetector } from "./unlimitedGrid.ts";

const level = (round: number, orderId: string, price: string, exposure: string, stop: string | null) => ({
  round,
  orderId,
  price: fx(price),
  quantity: fx("0.1"),
  exposure: fx(exposure),
  equity: fx("100000"),
  stop: stop === null ? null : fx(stop),
});

describe("unlimited-grid detector", () => {
  it("reports a dip-buying grid at fixed steps whose exposure grows past the cap, level by level", () => {
    const s = activityScript(); // equity 100,000
    ["60000", "59000", "58000", "57000", "56000"].forEach((price, round) => {
      s.order(round, "BTC", "0.1", price, round === 0 ? { stop: "52000" } : {});
    });
    expect(createUnlimitedGridDetector().scan(s.activity)).toEqual([
      {
        detector: "unlimited-grid",
        rounds: [0, 1, 2, 3, 4],
        reason:
          "Unlimited grid: 5 long BTC entries every ~1000 in price (from 60000 to 56000) with exposure 28000 is 2800 bps of equity, over the 2500 bps cap.",
        evidence: {
          symbol: "BTC",
          side: "long",
          // exposure after each level: 0.1 × 60000, 0.2 × 59000, 0.3 × 58000, 0.4 × 57000, 0.5 × 56000
          levels: [
            level(0, "o1", "60000", "6000", "52000"),
            level(1, "o2", "59000", "11800", "52000"),
            level(2, "o3", "58000", "17400", "52000"),
            level(3, "o4", "57000", "22800", "52000"),
            level(4, "o5", "56000", "28000", "52000"),
          ],
          spacingMin: fx("1000"),
          spacingMax: fx("1000"),
          spacingMean: fx("1000"),
          spacingToleranceBps: 2_500,
          minAdds: 4,
          unprotectedLevels: 0,
          exposureBps: 2_800, // 28,000 / 100,000
          exposureCapBps: 2_500,
        },
      },
    ]);
  });

  it("denies the level that makes the grid unlimited, agreeing with the scan", () => {
    const s = activityScript();
    ["60000", "59000", "58000", "57000"].forEach((price, round) => {
      s.order(round, "BTC", "0.1", price, round === 0 ? { stop: "52000" } : {});
    });
    const detector = createUnlimitedGridDetector();
    expect(detector.scan(s.activity)).toEqual([]); // 3 adds so far, exposure 22,800 < 25,000
    const denied = detector.inspectIntent(s.intent(4, "BTC", "0.1", "56000"), s.activity);
    s.order(4, "BTC", "0.1", "56000");
    expect(detector.scan(s.activity)).toEqual([denied]);
  });

  it("reports a small grid without stops, with roughly (not exactly) equal steps", () => {
    const s = activityScript();
    // steps 1, 1.2, 0.9, 1.1: mean 1.05, the farthest is 0.15 / 1.05 = 14% off the mean (≤ 25%)
    ["100", "101", "102.2", "103.1", "104.2"].forEach((price, round) => {
      s.order(round, "SOL", "-1", price);
    });
    const [violation] = createUnlimitedGridDetector().scan(s.activity);
    expect(violation?.evidence).toMatchObject({
      side: "short",
      unprotectedLevels: 5,
      spacingMin: fx("0.9"),
      spacingMax: fx("1.2"),
      spacingMean: fx("1.05"), // (1 + 1.2 + 0.9 + 1.1) / 4
      exposureBps: 52, // 5 × 104.2 = 521 of 100,000 = 52.1 bps, far under the cap: the missing stops make it unlimited
    });
  });

  it("does not flag scaling into a winner with a stop under the cap, uneven adds, or a grid cut by a reduction", () => {
    const winner = activityScript();
    ["60000", "61000", "62000", "63000", "64000"].forEach((price, round) => {
      winner.order(round, "BTC", "0.05", price, { stop: String(Number(price) - 3000) }); // 0.25 × 64000 = 16,000 < 25,000
    });
    const uneven = activityScript();
    ["60000", "59000", "56000", "55500", "53500"].forEach((price, round) => {
      uneven.order(round, "BTC", "0.1", price);
    });
    const cut = activityScript();
    ["100", "99", "98"].forEach((price, round) => {
      cut.order(round, "ETH", "1", price);
    });
    cut.order(3, "ETH", "-1", "98"); // takes some off: the run ends
    ["97", "96"].forEach((price, i) => {
      cut.order(4 + i, "ETH", "1", price);
    });
    const detector = createUnlimitedGridDetector();
    expect(detector.scan(winner.activity)).toEqual([]);
    expect(detector.scan(uneven.activity)).toEqual([]);
    expect(detector.scan(cut.activity)).toEqual([]);
  });

  it("finds a grid again from the first add after a trim", () => {
    const s = activityScript();
    ["100", "99", "98"].forEach((price, round) => {
      s.order(round, "ETH", "1", price);
    });
    s.order(3, "ETH", "-1", "98");
    ["97", "96", "95", "94", "93"].forEach((price, i) => {
      s.order(4 + i, "ETH", "1", price);
    });
    const [violation, ...others] = createUnlimitedGridDetector().scan(s.activity);
    expect(others).toEqual([]);
    expect(violation?.evidence.levels.map((l) => [l.round, l.price])).toEqual(
      [4, 5, 6, 7, 8].map((round) => [round, fx(String(101 - round))]),
    );
  });

  it("reports each grid run once, in the order they became unlimited", () => {
    const s = activityScript();
    ["10", "9", "8", "7", "6"].forEach((price, round) => {
      s.order(round, "SOL", "1", price);
    }); // no stops
    s.order(5, "SOL", "-5", "6"); // closed
    ["100", "102", "104", "106", "108", "110"].forEach((price, i) => {
      s.order(6 + i, "ETH", "-1", price);
    });
    const found = createUnlimitedGridDetector().scan(s.activity);
    expect(found.map((v) => [v.evidence.symbol, v.evidence.levels.length])).toEqual([
      ["SOL", 5],
      ["ETH", 6],
    ]);
  });

  it("keeps a grid per symbol while other symbols open, close and reopen between its levels", () => {
    const s = activityScript();
    ["10", "9", "8", "7", "6"].forEach((price, i) => {
      s.order(2 * i, "SOL", "1", price); // no stops
      s.order(2 * i + 1, "ETH", i % 2 === 0 ? "1" : "-1", "100"); // opened, closed, opened again...
    });
    s.order(10, "BTC", "-1", "50000"); // a short opened after them: a new slot, the grid stays put
    const found = createUnlimitedGridDetector().scan(s.activity);
    expect(found.map((v) => [v.evidence.symbol, v.evidence.side, v.rounds])).toEqual([
      ["SOL", "long", [0, 2, 4, 6, 8]],
    ]);
  });
});
