import type { AgentDecision } from "../agents/agent.ts";
import type { RoundObservation } from "../agents/roundObservation.ts";
import { visibleClosesAt } from "../agents/visibleCloses.ts";
import type { PositionSide } from "../domain/denial.ts";
import type { Order } from "../domain/order.ts";
import { observedStatus } from "../season/roundObservations.ts";
import type { SeasonAgent } from "../season/seasonAgent.ts";
import {
  assetIndices,
  closeOrder,
  decision,
  expectedFill,
  HOLD,
  leverageFor,
  notionalFor,
  openOrder,
  positionOf,
  protectiveStop,
} from "./botTools.ts";
import { assetValues, closesAverage, type SignalSlot, signalSlot } from "./sharedSignals.ts";
import {
  roundStances,
  type SignalStances,
  STANCE_LONG,
  STANCE_NONE,
  STANCE_SHORT,
  signalStances,
} from "./signalStances.ts";

export type MomentumBotParameters = {
  id: string;
  /** Symbols traded; default every asset of the season. */
  symbols?: readonly string[];
  /** Fast and slow moving-average periods, in bars (the slow one needs that many visible bars). */
  fast?: number;
  slow?: number;
  /** Hysteresis: the fast average must cross the slow one by this much (bps of the slow one) to flip. */
  thresholdBps?: number;
  /** Margin per position as a share of equity, bps. */
  allocationBps?: number;
  leverage?: number;
  stopDistanceBps?: number;
  /** Go short when the fast average is below the slow one; otherwise stay flat. */
  allowShort?: boolean;
};

type Want = PositionSide | "flat";

/**
 * Momentum by moving-average crossover: long once the fast average of closes is above the slow one
 * (by `thresholdBps`), short (or flat) once it is below. It acts only when its signal flips: it
 * closes what it holds in the asset and opens the new side with a stop. A position a stop took out
 * stays closed until the next flip. The averages and the stances they give are shared by every bot of
 * the round with the same parameters (sharedSignals.ts, signalStances.ts), so a quiet round costs a
 * few comparisons; on a flip it reads its status, equity and the position it turns, not the whole
 * portfolio (observedStatus, observedEquity, observedPosition in season/roundObservations.ts).
 */
export function createMomentumBot(parameters: MomentumBotParameters): SeasonAgent {
  return new MomentumBot(parameters);
}

/**
 * A class rather than a closure: the state a quiet round reads (the version the bot last matched
 * and its group) sits in the agent object itself, which the season loop loads anyway, instead of
 * behind the decide function and its context (two more scattered objects per bot and round).
 */
class MomentumBot implements SeasonAgent {
  readonly deterministic = true;
  /** The version of the group's latest stances that the bot's own equal (-1: not known to equal any). */
  #synced = -1;
  readonly #group: SignalStances;
  readonly id: string;
  /**
   * The bot's last stance per asset (STANCE_NONE before its first). Allocated with the bot, so that
   * it sits next to it in memory (grown on the first decision if the season has more assets).
   */
  #wanted = new Int8Array(16);
  /** The indices of the assets traded, when not all of them (then `#count` is the asset count). */
  #indices: number[] | undefined;
  #count = -1;
  readonly #symbols: readonly string[] | undefined;
  readonly #reasoning: string;
  readonly #allocationBps: number;
  readonly #leverage: number;
  readonly #stopDistanceBps: number;

  constructor(parameters: MomentumBotParameters) {
    const { id, symbols, fast = 12, slow = 48, thresholdBps = 0, allocationBps = 1_000, leverage = 1 } = parameters;
    const key = `momentum:${fast}:${slow}`;
    this.id = id;
    this.#group = signalStances(
      signalSlot(key, crossoverSpread(fast, slow)),
      key,
      thresholdBps,
      parameters.allowShort ?? true,
    );
    this.#symbols = symbols;
    this.#reasoning = `MA(${fast}) vs MA(${slow}) crossover`;
    this.#allocationBps = allocationBps;
    this.#leverage = leverage;
    this.#stopDistanceBps = parameters.stopDistanceBps ?? 500;
  }

  decide(observation: RoundObservation): AgentDecision {
    const group = this.#group;
    if (group.assets !== observation.assets) roundStances(group, observation);
    // Quiet: the bot's stances equal the group's latest ones, this round's included (a version is
    // never reused, so the round changed nothing since the bot last matched them).
    if (this.#synced === group.version) return HOLD;
    return this.#act(observation, group);
  }

  #act(observation: RoundObservation, group: SignalStances): AgentDecision {
    if (this.#count < 0) {
      const { length } = observation.assets;
      if (this.#symbols !== undefined) this.#indices = assetIndices(observation, this.#symbols);
      this.#count = this.#indices === undefined ? length : this.#indices.length;
      if (length > this.#wanted.length) this.#wanted = new Int8Array(length);
    }
    const indices = this.#indices;
    const count = this.#count;
    const wanted = this.#wanted;
    const { stances, latest } = group;
    let orders: Order[] | undefined;
    for (let k = 0; k < count; k++) {
      const i = indices === undefined ? k : (indices[k] as number);
      const want = stances[i] as number;
      if (want === STANCE_NONE || want === wanted[i]) continue;
      if (observedStatus(observation) !== "active") {
        this.#synced = -1;
        return HOLD;
      }
      wanted[i] = want;
      orders ??= [];
      this.#turn(observation, i, want, orders);
    }
    this.#synced = group.version;
    for (let k = 0; k < count; k++) {
      const i = indices === undefined ? k : (indices[k] as number);
      if (wanted[i] !== latest[i]) {
        this.#synced = -1;
        break;
      }
    }
    if (orders === undefined || orders.length === 0) return HOLD;
    return decision(orders, [], this.#reasoning);
  }

  /** Orders turning the asset at `i` to `want`, appended to `orders`. */
  #turn(observation: RoundObservation, i: number, want: number, orders: Order[]): void {
    const asset = observation.assets[i];
    if (asset === undefined) return;
    const side: Want = want === STANCE_LONG ? "long" : want === STANCE_SHORT ? "short" : "flat";
    const held = positionOf(observation, asset.symbol);
    if (held?.side === side) return;
    if (held !== undefined) orders.push(closeOrder(`${this.id}:${observation.round}:${orders.length}`, held));
    if (side === "flat") return;
    const lev = leverageFor(observation, asset.symbol, this.#leverage);
    const fill = expectedFill(observation, asset, side === "long" ? "buy" : "sell");
    const stop = protectiveStop(observation, asset, side, fill, this.#stopDistanceBps);
    if (observation.rules.stopOrders && stop === undefined) return;
    const notional = notionalFor(observation, this.#allocationBps, lev);
    if (notional > 0n)
      orders.push(openOrder(`${this.id}:${observation.round}:${orders.length}`, asset, side, notional, lev, stop));
  }
}

/** The fast average's spread over the slow one, relative to the slow one; NaN with too few bars. */
function crossoverSpread(fast: number, slow: number): SignalSlot["compute"] {
  // Built outside the bot: the shared slot keeps the first asker's function, and with it its scope.
  // The slow average is a slot of its own: every fast period paired with it reads one computation.
  const slowAverages = signalSlot(`average:${slow}`, (_, index, assets) =>
    closesAverage(visibleClosesAt(assets, index), slow),
  );
  return (_, index, assets) => {
    const slowAverage = assetValues(slowAverages, assets)[index] as number;
    return (closesAverage(visibleClosesAt(assets, index), fast) - slowAverage) / slowAverage;
  };
}
