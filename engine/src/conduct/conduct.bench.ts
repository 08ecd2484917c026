/**
 * Conduct rules run on every order (pre-trade denials) and may be reviewed after every round, for
 * every entrant. Measures the whole conduct policy (all six banned-strategy rules) replaying one
 * entrant's hourly season of 8 assets: every rule denying, against the baseline of detectors that
 * re-read the whole log at every call (what the per-array fold cache avoids); the season's own
 * pattern (one deny rule, five disqualify rules reviewed after every round, the read events
 * released), against the same replay keeping the whole log; and the cost of one settlement.
 */
import { reportBench } from "@podium/scripts/bench";
import { forkRandom } from "../random/seededRandom.ts";
import type { ActivityEvent, AgentActivity, ReleasableActivity } from "./agentActivity.ts";
import type { ConductAction } from "./conductOutcome.ts";
import { createConductPolicy } from "./conductPolicy.ts";
import { activityScript, scriptStart } from "./testing/activityScript.ts";
import { bannedStrategyIds } from "./violation.ts";

const HOURS = 8_760;
const ASSETS = ["BTC", "ETH", "SOL", "XRP", "ADA", "DOGE", "AVAX", "LINK"];

/**
 * A simple agent: random-walk prices; now and then opens 1–3% of equity with a 5% stop, adds, or
 * closes. `adds: false`: a clean agent that only opens from flat and closes (no adds, so none to losers).
 */
function season(rounds: number, adds = true) {
  const random = forkRandom("bench", "conduct:agent");
  const s = activityScript();
  const prices = ASSETS.map((_, i) => 100 * (i + 1));
  const held = ASSETS.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    s.decision(round, random.nextFloat() < 0.95 ? "orders" : "missing");
    ASSETS.forEach((symbol, i) => {
      prices[i] = Math.max(1, (prices[i] as number) * (1 + 0.01 * random.nextGaussian()));
      if (random.nextFloat() > 0.05) return;
      const price = (prices[i] as number).toFixed(2);
      const quantity = Math.max(1, Math.round((1_000 + random.nextInt(2_000)) / Number(price)));
      const h = held[i] as number;
      if (h === 0 || (adds && random.nextFloat() < 0.3)) {
        const side = h !== 0 ? Math.sign(h) : random.nextFloat() < 0.5 ? 1 : -1;
        const stop = (Number(price) * (1 - side * 0.05)).toFixed(2);
        s.order(round, symbol, String(side * quantity), price, h === 0 ? { stop } : {});
        held[i] = h + side * quantity;
      } else {
        s.order(round, symbol, String(-h), price);
        held[i] = 0;
      }
    });
    s.mark(round, "100000");
  }
  return s.activity;
}

const policyWith = (action: ConductAction) =>
  createConductPolicy({
    bannedStrategies: Object.fromEntries(bannedStrategyIds.map((id) => [id, { action }])),
    tournament: "non-daily",
    activity: {},
    minTradeCount: 10,
  });

/**
 * Replays `log` as the core would: each intent is reviewed by the deny rules before it is
 * appended; at the end the flag rules scan the season. `fresh` hands the detectors a new array at
 * every call, so they re-read the log from the start (the baseline).
 */
function replay(log: AgentActivity, rounds: number, fresh: boolean): number {
  const deny = policyWith("deny");
  const flag = policyWith("flag");
  const events: ActivityEvent[] = [];
  const view = (): AgentActivity => ({ entrant: log.entrant, events: fresh ? events.slice() : events });
  let found = 0;
  for (const event of log.events) {
    if (event.round >= rounds) break;
    if (event.kind === "intent" && deny.reviewIntent(event, view()) !== undefined) found++;
    events.push(event);
  }
  return found + flag.review(view()).length;
}

/** The season's policy (seed 001's preset): stop-loss widening denied, the five other rules disqualify. */
const seasonPolicy = () =>
  createConductPolicy({
    bannedStrategies: Object.fromEntries(
      bannedStrategyIds.map((id) => [id, { action: id === "stop-loss-widening" ? "deny" : "disqualify" }]),
    ),
  });

/**
 * Replays `log` as the season loop does: every order and stop change passes the deny review before
 * it is appended, and after every round with new events the disqualifying rules review the log.
 * `release`: the log's read events are released after each review (bounded memory).
 */
function seasonReplay(log: AgentActivity, release: boolean): number {
  const policy = seasonPolicy();
  const history: ReleasableActivity = { entrant: log.entrant, events: [] };
  let found = 0;
  let round = 0;
  const endRound = () => {
    found += policy.review(history).length;
    if (release) policy.release(history);
  };
  for (const event of log.events) {
    if (event.round !== round) {
      endRound();
      round = event.round;
    }
    if ((event.kind === "intent" || event.kind === "stop") && policy.reviewIntent(event, history) !== undefined)
      found++;
    history.events.push(event);
  }
  endRound();
  return found;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9; // determinism-ok: benchmark timing

const log = season(HOURS);
const cleanLog = season(HOURS, false);
const orders = log.events.filter((e) => e.kind === "intent").length;

let sink = replay(log, HOURS, false) + replay(log, HOURS, false); // warm-up: measure compiled code, not the JIT

/** Agent-rounds per second of the fastest of `runs` runs (the JIT keeps optimizing over the first few). */
const bestOf = (runs: number, run: () => number) => {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const begin = process.hrtime.bigint(); // determinism-ok
    sink += run();
    best = Math.min(best, seconds(begin));
  }
  return HOURS / best;
};
const incremental = bestOf(5, () => replay(log, HOURS, false));
sink += seasonReplay(cleanLog, false) + seasonReplay(cleanLog, true); // warm-up
const seasonWhole = bestOf(3, () => seasonReplay(cleanLog, false));
const seasonReleased = bestOf(3, () => seasonReplay(cleanLog, true));
const seasonOutcomes = seasonReplay(cleanLog, true);

const BASELINE_ROUNDS = 500;
let start = process.hrtime.bigint(); // determinism-ok
sink += replay(log, BASELINE_ROUNDS, true);
const rereading = BASELINE_ROUNDS / seconds(start);

start = process.hrtime.bigint(); // determinism-ok
const settlements = 20;
for (let i = 0; i < settlements; i++) {
  // A new array each time: settlement reads the whole season once.
  const outcomes = policyWith("disqualify").settle(
    { entrant: log.entrant, events: log.events.slice() },
    { window: { start: scriptStart, end: scriptStart + HOURS * 3_600 }, round: HOURS - 1 },
  );
  sink += outcomes.length;
}
const settleSeconds = seconds(start) / settlements;

if (Number.isNaN(sink)) throw new Error("unreachable: keeps the loops from being optimized away");

reportBench([
  {
    name: "engine.conduct.replay.incremental",
    value: Math.round(incremental),
    unit: "agent-rounds/s",
    better: "higher",
    baseline: {
      name: `detectors re-reading the log at every call (first ${BASELINE_ROUNDS} rounds)`,
      value: Math.round(rereading),
    },
    note: `6 banned-strategy rules: deny review of every order, flag scan at the end; best of 5; 1 entrant, ${HOURS} hourly rounds x ${ASSETS.length} assets, ${orders} orders, ${log.events.length} events`,
  },
  {
    name: "engine.conduct.replay.season",
    value: Math.round(seasonReleased),
    unit: "agent-rounds/s",
    better: "higher",
    baseline: { name: "the same replay keeping the whole log", value: Math.round(seasonWhole) },
    note: `as the season loop calls it: deny review of every order and stop change (stop-loss widening), disqualify review after every round with new events (5 rules), the read events released after each review (memory stays flat; on one entrant's small heap release costs a little, in a season it saves old-generation GC); best of 3; a clean agent (opens and closes only): ${cleanLog.events.filter((e) => e.kind === "intent").length} orders, ${cleanLog.events.length} events, ${seasonOutcomes} outcomes found over the reviews`,
  },
  {
    name: "engine.conduct.settle.hourlySeason",
    value: Math.round(settleSeconds * 1e6) / 1e3,
    unit: "ms",
    better: "lower",
    note: `one entrant's settlement (6 rules + activity + min trades) over ${log.events.length} events, read from scratch`,
  },
]);
