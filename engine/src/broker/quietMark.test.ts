import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Account, createAccount } from "../domain/account.ts";
import type { RiskEvent } from "../domain/riskEvent.ts";
import type { TradableAsset } from "../domain/universe.ts";
import type { Bar } from "../market/bar.ts";
import { FIXED_ONE, type Fixed } from "../money/fixed.ts";
import type { MarketRound } from "./marketTape.ts";
import { markToMarket } from "./markToMarket.ts";
import { applyPositionTrade, computePositionTrade } from "./positionTrade.ts";
import {
  createMarkLanePool,
  type MarkLanePool,
  quietMark,
  type RoundUnits,
  refreshMarkLane,
  roundUnits,
} from "./quietMark.ts";
import { triggerStopLosses } from "./triggerStopLosses.ts";

const ASSETS = 3;
const assets: TradableAsset[] = Array.from({ length: ASSETS }, (_, index) => ({
  index,
  symbol: `A${index}`,
  assetClass: "crypto-major",
}));

type Trade = { asset: number; delta: bigint; price: bigint; stop: "none" | "near" | "far"; leverage: number };
type Prices = { open: bigint; high: bigint; low: bigint; close: bigint };

const priceArbitrary = fc.bigInt({ min: 1n, max: 200_000n * FIXED_ONE });
const tradeArbitrary: fc.Arbitrary<Trade> = fc.record({
  asset: fc.integer({ min: 0, max: ASSETS - 1 }),
  delta: fc
    .oneof(fc.bigInt({ min: -(10n ** 10n), max: 10n ** 10n }), fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }))
    .filter((delta) => delta !== 0n),
  price: priceArbitrary,
  stop: fc.constantFrom("none", "near", "far"),
  leverage: fc.constantFrom(1, 2, 5),
});
const barArbitrary: fc.Arbitrary<Prices> = fc
  .tuple(priceArbitrary, priceArbitrary, priceArbitrary, priceArbitrary)
  .map((four) => {
    const sorted = [...four].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) as [bigint, bigint, bigint, bigint];
    return { low: sorted[0], open: sorted[1], close: sorted[2], high: sorted[3] };
  });

const roundOf = (index: number, prices: readonly Prices[]): MarketRound => {
  const bars: Bar[] = prices.map((p) => ({ time: index * 3_600, volume: 0n, ...p }));
  const closes = prices.map((p) => p.close);
  return { index, time: index * 3_600, day: 0, bars, orderPrices: closes, closes };
};

/** Books `trades` (stops below a long, above a short: near = 1% away, far = 50%). */
function bookOf(trades: readonly Trade[]): Account {
  const account = createAccount({ entrantId: "e", startingCapital: 1_000_000n * FIXED_ONE, assetCount: ASSETS });
  for (const trade of trades) {
    const position = account.positions[trade.asset];
    const after = (position?.quantity ?? 0n) + trade.delta;
    const distance = trade.stop === "near" ? 100n : 5_000n;
    const stopLoss =
      trade.stop === "none" || after === 0n
        ? undefined
        : (trade.price * (after > 0n ? 10_000n - distance : 10_000n + distance)) / 10_000n;
    applyPositionTrade({
      account,
      trade: computePositionTrade({
        asset: assets[trade.asset] as TradableAsset,
        position,
        delta: trade.delta,
        price: trade.price,
        leverage: trade.leverage,
        stopLoss: stopLoss === 0n ? 1n : stopLoss,
        feeBps: 10n,
      }),
      kind: "order",
      round: 0,
      time: 0,
    });
  }
  return account;
}

/** The quiet mark as a yes/no, checking that the equity it returns is the account's new equity. */
const marksQuietly = (account: Account, units: RoundUnits, pool: MarkLanePool = createMarkLanePool(ASSETS)) => {
  const before = account.equity;
  const equity = quietMark(account, units, pool);
  if (Number.isNaN(equity)) {
    expect(account.equity).toBe(before);
    return false;
  }
  expect(Number.isInteger(equity)).toBe(true);
  expect(BigInt(equity)).toBe(account.equity);
  return true;
};

const snapshot = (account: Account) => ({
  equity: account.equity,
  markedAt: account.markedAt,
  marks: account.positions.map((position) => position?.markPrice),
  cash: account.cash,
  quantities: account.positions.map((position) => position?.quantity),
});

describe("quietMark", () => {
  it("gives the full path's mark whenever no stop is reached, and changes nothing otherwise", () => {
    let quiet = 0;
    let declined = 0;
    fc.assert(
      fc.property(
        fc.array(tradeArbitrary, { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(barArbitrary, { minLength: ASSETS, maxLength: ASSETS }), { minLength: 1, maxLength: 4 }),
        (trades, rounds) => {
          const fast = bookOf(trades);
          const full = bookOf(trades);
          const pool = createMarkLanePool(ASSETS);
          rounds.forEach((prices, r) => {
            const round = roundOf(r + 1, prices);
            const before = snapshot(fast);
            const events: RiskEvent[] = [];
            const fired = triggerStopLosses(full, round, assets, 10n, (event) => events.push(event));
            markToMarket(full, round.closes);
            if (marksQuietly(fast, roundUnits(round), pool)) {
              quiet++;
              expect(fired).toBe(0);
              expect(snapshot(fast)).toEqual(snapshot(full));
            } else {
              declined++;
              expect(snapshot(fast)).toEqual(before);
              // The full path for the declined book, so that both books go on identical.
              triggerStopLosses(fast, round, assets, 10n, () => undefined);
              markToMarket(fast, round.closes);
              expect(snapshot(fast)).toEqual(snapshot(full));
            }
          });
        },
      ),
      { numRuns: 1_500 },
    );
    // Both branches are exercised.
    expect(quiet).toBeGreaterThan(100);
    expect(declined).toBeGreaterThan(100);
  });

  it("reads the book again after a fill or a stop move (bookVersion), not before", () => {
    const account = bookOf([{ asset: 0, delta: FIXED_ONE, price: 100n * FIXED_ONE, stop: "far", leverage: 1 }]);
    const bar = (close: bigint): Prices => ({ open: close, high: close, low: close, close });
    const flat = bar(100n * FIXED_ONE);
    const pool = createMarkLanePool(ASSETS);
    expect(marksQuietly(account, roundUnits(roundOf(1, [bar(110n * FIXED_ONE), flat, flat])), pool)).toBe(true);
    // Long 1 from 100 at 110: +10 on 1,000,000 − fee 0.1.
    expect(account.equity).toBe(1_000_010n * FIXED_ONE - FIXED_ONE / 10n);
    // A second unit at 110 (a fill): the next mark reads the new quantity and entry.
    const position = account.positions[0];
    applyPositionTrade({
      account,
      trade: computePositionTrade({
        asset: assets[0] as TradableAsset,
        position,
        delta: FIXED_ONE,
        price: 110n * FIXED_ONE,
        leverage: 1,
        stopLoss: position?.stopLoss,
        feeBps: 0n,
      }),
      kind: "order",
      round: 1,
      time: 3_600,
    });
    expect(marksQuietly(account, roundUnits(roundOf(2, [bar(120n * FIXED_ONE), flat, flat])), pool)).toBe(true);
    // 2 at an average of 105, marked at 120: +30, fees 0.1.
    expect(account.equity).toBe(1_000_030n * FIXED_ONE - FIXED_ONE / 10n);
    // A stop moved up to 115 by hand, with the version bump the risk engine makes: 114 reaches it.
    (account.positions[0] as { stopLoss: Fixed | undefined }).stopLoss = 115n * FIXED_ONE;
    account.bookVersion++;
    expect(marksQuietly(account, roundUnits(roundOf(3, [bar(114n * FIXED_ONE), flat, flat])), pool)).toBe(false);
  });

  it("after a fill or a stop move, refreshMarkLane leaves the slot a full rewrite would write", () => {
    // The slot's header and lanes (COUNT at 3, six doubles a lane) and its margins, as written.
    const slotOf = (pool: MarkLanePool, at: number) => {
      const count = pool.lanes[at + 3] as number;
      return [
        ...pool.lanes.subarray(at, at + 4 + count * 6),
        ...pool.lanes.subarray(at + pool.margins, at + pool.margins + count),
      ];
    };
    const flat: Prices = { open: FIXED_ONE, high: FIXED_ONE, low: FIXED_ONE, close: FIXED_ONE };
    const units = roundUnits(roundOf(1, [flat, flat, flat]));
    let refreshed = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(tradeArbitrary, fc.constantFrom("trade", "close", "stop")), { minLength: 1, maxLength: 10 }),
        (steps) => {
          const account = bookOf([]);
          const twin = bookOf([]);
          const pool = createMarkLanePool(ASSETS);
          // A neighbour in the pool first: the account's slot is not at 0.
          quietMark(bookOf([]), units, pool);
          quietMark(account, units, pool);
          for (const [trade, kind] of steps) {
            const versionBefore = account.bookVersion;
            for (const book of [account, twin]) {
              const position = book.positions[trade.asset];
              if (kind === "stop") {
                if (position === undefined) continue;
                position.stopLoss = position.quantity > 0n ? 1n : trade.price;
                book.bookVersion++;
                continue;
              }
              const delta = kind === "close" && position !== undefined ? -position.quantity : trade.delta;
              applyPositionTrade({
                account: book,
                trade: computePositionTrade({
                  asset: assets[trade.asset] as TradableAsset,
                  position,
                  delta,
                  price: trade.price,
                  leverage: trade.leverage,
                  stopLoss: undefined,
                  feeBps: 10n,
                }),
                kind: "order",
                round: 0,
                time: 0,
              });
            }
            if (account.bookVersion === versionBefore) continue;
            refreshMarkLane(account, trade.asset, versionBefore);
            refreshed++;
            // The twin's slot written whole from its book, in a pool of its own.
            const fresh = createMarkLanePool(ASSETS);
            quietMark(twin, units, fresh);
            expect(slotOf(pool, account.markSlot)).toEqual(slotOf(fresh, 0));
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(refreshed).toBeGreaterThan(1_000);
  });

  it("refreshMarkLane leaves a slot that is not current, or a book changed twice, to the next mark", () => {
    const account = bookOf([{ asset: 0, delta: FIXED_ONE, price: 100n * FIXED_ONE, stop: "none", leverage: 1 }]);
    const bar = (close: bigint): Prices => ({ open: close, high: close, low: close, close });
    const pool = createMarkLanePool(ASSETS);
    const round = roundOf(1, [bar(100n * FIXED_ONE), bar(100n * FIXED_ONE), bar(100n * FIXED_ONE)]);
    expect(marksQuietly(account, roundUnits(round), pool)).toBe(true);
    const buy = (asset: number) =>
      applyPositionTrade({
        account,
        trade: computePositionTrade({
          asset: assets[asset] as TradableAsset,
          position: account.positions[asset],
          delta: FIXED_ONE,
          price: 100n * FIXED_ONE,
          leverage: 1,
          stopLoss: undefined,
          feeBps: 0n,
        }),
        kind: "order",
        round: 1,
        time: 3_600,
      });
    const versionBefore = account.bookVersion;
    buy(1);
    buy(2);
    refreshMarkLane(account, 2, versionBefore);
    // Two changes since the slot was written: it is left as it was (version and one lane).
    expect([pool.lanes[account.markSlot], pool.lanes[account.markSlot + 3]]).toEqual([versionBefore, 1]);
    // The next mark reads the whole book: three longs of 1 bought at 100, marked at 110.
    const up = roundOf(2, [bar(110n * FIXED_ONE), bar(110n * FIXED_ONE), bar(110n * FIXED_ONE)]);
    expect(marksQuietly(account, roundUnits(up), pool)).toBe(true);
    expect(account.equity).toBe(1_000_030n * FIXED_ONE - FIXED_ONE / 10n);
  });

  it("declines a book or a round beyond the exact range of doubles", () => {
    const huge = 2n ** 60n;
    const account = bookOf([{ asset: 1, delta: FIXED_ONE, price: 100n * FIXED_ONE, stop: "none", leverage: 1 }]);
    const normal: Prices = { open: FIXED_ONE, high: FIXED_ONE, low: FIXED_ONE, close: FIXED_ONE };
    const beyond: Prices = { open: huge, high: huge, low: huge, close: huge };
    expect(marksQuietly(account, roundUnits(roundOf(1, [normal, beyond, normal])))).toBe(false);
    expect(roundUnits(roundOf(1, [normal, beyond, normal])).exact).toBe(false);
    const rich = createAccount({ entrantId: "r", startingCapital: huge, assetCount: ASSETS });
    expect(marksQuietly(rich, roundUnits(roundOf(1, [normal, normal, normal])))).toBe(false);
  });

  it("keeps every account's own book in a shared pool, across the pool's growth", () => {
    // 150 books in one pool (it starts with 64 slots): each gets the full path's equity, round after round.
    const pool = createMarkLanePool(ASSETS);
    const bookAt = (k: number) =>
      bookOf([
        { asset: k % ASSETS, delta: BigInt(k + 1) * FIXED_ONE, price: 100n * FIXED_ONE, stop: "none", leverage: 1 },
        { asset: (k + 1) % ASSETS, delta: -FIXED_ONE, price: 100n * FIXED_ONE, stop: "far", leverage: 2 },
      ]);
    const books = Array.from({ length: 150 }, (_, k) => bookAt(k));
    const twins = Array.from({ length: 150 }, (_, k) => bookAt(k));
    for (let r = 1; r <= 3; r++) {
      const close = (100n + BigInt(r)) * FIXED_ONE;
      const round = roundOf(
        r,
        Array.from({ length: ASSETS }, () => ({ open: close, high: close, low: close, close })),
      );
      const units = roundUnits(round);
      books.forEach((book, k) => {
        expect(marksQuietly(book, units, pool)).toBe(true);
        expect(book.equity).toBe(markToMarket(twins[k] as Account, round.closes));
      });
    }
    expect(pool.used).toBe(150 * pool.stride);
    expect(new Set(books.map((book) => book.markSlot)).size).toBe(150);
  });

  it("leaves the positions' marks right after a later fill (the marks are stored before markedAt is cleared)", () => {
    const account = bookOf([
      { asset: 0, delta: FIXED_ONE, price: 100n * FIXED_ONE, stop: "none", leverage: 1 },
      { asset: 1, delta: -FIXED_ONE, price: 100n * FIXED_ONE, stop: "none", leverage: 1 },
    ]);
    const at = (close: bigint): Prices => ({ open: close, high: close, low: close, close });
    const round = roundOf(1, [at(110n * FIXED_ONE), at(90n * FIXED_ONE), at(70n * FIXED_ONE)]);
    expect(marksQuietly(account, roundUnits(round))).toBe(true);
    expect(account.positions.map((position) => position?.markPrice)).toEqual([
      110n * FIXED_ONE,
      90n * FIXED_ONE,
      undefined,
    ]);
    // A fill in asset 2 at 75: the others keep the quiet mark's prices, the new one is marked at its fill.
    applyPositionTrade({
      account,
      trade: computePositionTrade({
        asset: assets[2] as TradableAsset,
        position: undefined,
        delta: FIXED_ONE,
        price: 75n * FIXED_ONE,
        leverage: 1,
        stopLoss: undefined,
        feeBps: 0n,
      }),
      kind: "order",
      round: 1,
      time: 3_600,
    });
    expect(account.markedAt).toBeUndefined();
    expect(account.positions.map((position) => position?.markPrice)).toEqual([
      110n * FIXED_ONE,
      90n * FIXED_ONE,
      75n * FIXED_ONE,
    ]);
    // The next quiet mark moves every position's mark at once (they read markedAt).
    expect(
      marksQuietly(account, roundUnits(roundOf(2, [at(120n * FIXED_ONE), at(80n * FIXED_ONE), at(60n * FIXED_ONE)]))),
    ).toBe(true);
    expect(account.positions.map((position) => position?.markPrice)).toEqual([
      120n * FIXED_ONE,
      80n * FIXED_ONE,
      60n * FIXED_ONE,
    ]);
  });
});
