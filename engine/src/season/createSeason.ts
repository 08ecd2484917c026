import type { Hex } from "viem";
import type { AgentDecision } from "../agents/agent.ts";
import type { RoundObservation } from "../agents/roundObservation.ts";
import type { MarketRound } from "../broker/marketTape.ts";
import { previewOrder } from "../broker/previewOrder.ts";
import type { SeasonWindow } from "../conduct/activityHours.ts";
import { type ActivityTable, createActivityTable, recordDecisionAt, recordHoldAt } from "../conduct/activityTable.ts";
import type { ActivityEvent, DecisionOutcome } from "../conduct/agentActivity.ts";
import type { ConductOutcome } from "../conduct/conductOutcome.ts";
import type { ConductPolicy } from "../conduct/conductPolicy.ts";
import { type CompiledSeason, compileSeasonRules } from "../config/compileSeasonRules.ts";
import { rulesHash } from "../config/rulesHash.ts";
import type { ScoringMethod } from "../config/seasonRules.ts";
import { type Account, scoredEquity } from "../domain/account.ts";
import { type DenialReason, isDenial } from "../domain/denial.ts";
import { isFinalStatus } from "../domain/entrantStatus.ts";
import type { Fill } from "../domain/fill.ts";
import type { Order, StopLossUpdate } from "../domain/order.ts";
import type { RoundRecord } from "../domain/roundRecord.ts";
import type { Dataset } from "../market/dataset.ts";
import { datasetHash as hashDataset } from "../market/datasetHash.ts";
import { isExactUnits } from "../money/exactMulFixed.ts";
import { exactToFixed } from "../money/exactToFixed.ts";
import { type Fixed, fixedToNumber, unitsToNumber } from "../money/fixed.ts";
import { fixedToUnits } from "../money/fixedToUnits.ts";
import type { AgentDecisionRecord } from "../scoring/agentQualityIndex.ts";
import { tournamentMethods } from "../scoring/tournamentScoringConfig.ts";
import { fillEvent, intentEvent, stopChangeEvent, stopEventAfterOrder } from "./conductEvents.ts";
import { conductLogs } from "./conductLogs.ts";
import {
  activityOutcome,
  type CommittedDecision,
  commitDecision,
  failedDecision,
  isSilentHold,
  SILENT_HOLD,
  textHash,
  withheldText,
} from "./decisionRecord.ts";
import { InvalidSeasonEntrantsError } from "./invalidSeasonEntrantsError.ts";
import { createLiveRanking, type StandingRow, type StandingsSnapshot } from "./liveRanking.ts";
import { createMarkSeries, type MarkSeries } from "./markSeries.ts";
import { createRoundObservations } from "./roundObservations.ts";
import {
  addClosedTrade,
  addMark,
  createRunningStatistics,
  type RunningStatistics,
  runningCalmarRatio,
} from "./runningStatistics.ts";
import { isThenable, type SeasonAgent } from "./seasonAgent.ts";
import { entrantIdOf, type SeasonEntrant } from "./seasonEntrant.ts";
import type { SeasonRecord } from "./seasonRecord.ts";
import type { SeasonResults } from "./seasonResults.ts";
import { SeasonStateError } from "./seasonStateError.ts";
import { settleSeason } from "./settleSeason.ts";
import type { Standing } from "./standing.ts";

export const SEASON_FORMAT = "podium.season/1";

/** What a season publishes before its first round: which rules, data, seed and entrants it runs. */
export type SeasonHeader = {
  format: typeof SEASON_FORMAT;
  seasonId: string;
  /** rulesHash({ rules, datasetHash }): the commitment of the rules and the data. */
  rulesHash: string;
  datasetHash: string;
  seed: string;
  scoringMethod: ScoringMethod;
  rounds: number;
  /** Unix seconds: the first round's open and the last round's close. */
  start: number;
  end: number;
  entrants: {
    entrantId: string;
    index: number;
    name: string;
    modelFamily: string;
    wallet?: string;
    configHash: string;
    frozenConfigHash: string;
  }[];
};

/**
 * One round's output: its records in the order they happened (phase by phase: the round's begin and
 * mark for every entrant, then each entrant's decision, orders and end-of-round mark), then the standings.
 */
export type RoundOutput = {
  round: number;
  /** Unix seconds of the round's bar open. */
  time: number;
  records: SeasonRecord[];
  /** Built on first read, then the same array (an enumerable getter: spread and JSON see it). */
  readonly standings: Standing[];
};

export type OrderFilledEvent = {
  entrantId: string;
  /** The account right after the fill (read-only: the season owns it). */
  account: Readonly<Account>;
  fill: Fill;
  round: MarketRound;
};

export type CreateSeasonParameters = {
  /** The season's rules (validated and compiled against the dataset: every problem is reported at once). */
  rules: unknown;
  dataset: Dataset;
  entrants: readonly SeasonEntrant[];
  /** The season's seed, recorded in the header (bots fork their random streams from it). */
  seed: string;
  /** The dataset's content hash when already known (hashing a year of hourly bars takes about a second). */
  datasetHash?: Hex;
  /** Bars shown per asset in observations; default 50. */
  lookback?: number;
  /** Share of the prize pool by place in basis points (seed 003's rewards by place), e.g. [5000, 3000, 2000]. */
  rewardSplitBps?: readonly number[];
  /** Called after every filled agent order (live feeds, invariant checks). */
  onOrderFilled?: (event: OrderFilledEvent) => void;
};

/**
 * A season run round by round. Deterministic: the same rules, dataset, entrants (agents giving the
 * same decisions) and seed give the same rounds and results, byte for byte in canonical JSON.
 */
export type Season = {
  readonly header: SeasonHeader;
  readonly compiled: CompiledSeason;
  readonly roundCount: number;
  /** Index of the next round to run (= rounds run so far). */
  readonly nextRound: number;
  readonly finished: boolean;
  /** The entrant's account (read-only), e.g. to inspect positions between rounds. */
  account(entrantId: string): Readonly<Account> | undefined;
  /** The standings after the last round run (empty before the first). */
  standings(): Standing[];
  /**
   * Runs the next round synchronously. Every agent must answer synchronously (the built-in bots
   * do); a thenable from any agent leaves the season unusable: use `runRound` for async agents.
   */
  step(): RoundOutput;
  /** Runs the next round, awaiting the agents that answer with a promise (LLM agents). */
  runRound(): Promise<RoundOutput>;
  /**
   * Runs the next round with recorded decisions (entrant id → decision; absent = a silent hold) for
   * every agent that is not `deterministic`; deterministic agents are asked again. For resuming.
   */
  replayRound(recorded: ReadonlyMap<string, CommittedDecision>): Promise<RoundOutput>;
  /** Settlement and final results (computed once). Only after the last round. */
  results(): SeasonResults;
};

/** The denials that count as a risk violation (seed 004's penalty factors): a season rule refused the order. */
const ruleDenials = new Set<DenialReason>([
  "MARKET_NOT_ALLOWED",
  "MARKET_BLOCKED",
  "POSITION_CAP_EXCEEDED",
  "LEVERAGE_EXCEEDED",
  "MAX_POSITION_USD_EXCEEDED",
  "BELOW_MIN_POSITION",
  "STOP_LOSS_MISSING",
  "STOP_LOSS_TOO_FAR",
  "STOP_LOSS_WIDENED",
]);

/** Everything the loop keeps per entrant. */
export type EntrantRuntime = {
  entrant: SeasonEntrant;
  /** Position in the season's entrant order (by index): the entrant's column in the season's tables. */
  slot: number;
  id: string;
  agent: SeasonAgent;
  /** `agent.deterministic`, read once: such an agent is asked again on replay and shares one observation. */
  deterministic: boolean;
  /** Lower-case: the registered (frozen) hash and the hash of the config the entrant declared it runs. */
  frozenConfigHash: string;
  runningConfigHash: string;
  /** The config freeze must be checked each round: the agent reports its config, or it already differs. */
  checksConfig: boolean;
  account: Account;
  /** Index in the round's records up to which this entrant's records were read (conduct events, statistics). */
  seen: number;
  /** In the current round: took part (was not out at the start of the round). */
  participating: boolean;
  /** The conduct rules' activity log; undefined when the season enforces no trade-based conduct rule. */
  activity: { entrant: string; events: ActivityEvent[]; released?: number } | undefined;
  /** Events already reviewed for disqualifications. */
  reviewed: number;
  /**
   * Something this round may have added to the activity log (a decision with orders or stop moves,
   * or records read by absorb): until then the conduct review and release have nothing to do.
   */
  logTouched: boolean;
  stats: RunningStatistics;
  /** Marks in the season's MarkSeries (mark 0: the start). */
  marks: number;
  closedTrades: number[];
  /** startingCapital + realizedPnl − feesPaid, as of `bookVersion`: equity minus this is the unrealized P&L. */
  bookBase: Fixed;
  bookVersion: number;
  /** `bookBase` in units (fixedToUnits; exact when within ±2^53). */
  bookBaseUnits: number;
  /**
   * The equity in exact units the round's mark returned (NaN: not known) and the book version right
   * after it: every change of the equity after the mark comes with a fill, which moves `bookVersion`,
   * so while the version is the same these units are the equity's.
   */
  markUnits: number;
  markBookVersion: number;
  /** Per asset: the open position is excluded from scoring (seed 003). */
  excludedAsset: Uint8Array;
  hasExclusions: boolean;
  /** Orders whose fills are excluded from scoring (left out of the minimum trade count). */
  excludedOrders: Set<string>;
  riskFills: number;
  /** Forfeits found during the season (seed 003's config freeze). */
  forfeits: ConductOutcome[];
  /** Equity at the entrant's last mark (its scored equity is `row.scoredEquity`). */
  lastEquity: Fixed;
  /** Decisions recorded (not silent holds), for the Agent Quality Index. */
  decisions: AgentDecisionRecord[];
  rounds: number;
  row: StandingRow;
};

export type CreateSeasonReturnType = Season;
export type CreateSeasonErrorType = InvalidSeasonEntrantsError | SeasonStateError;

const hashPattern = /^0x[0-9a-fA-F]{64}$/;
const walletPattern = /^0x[0-9a-fA-F]{40}$/;

function entrantProblems(entrants: readonly SeasonEntrant[], seed: unknown): string[] {
  const problems: string[] = [];
  if (typeof seed !== "string" || seed === "") problems.push("seed must be a non-empty string");
  if (!Array.isArray(entrants) || entrants.length === 0) return [...problems, "a season needs at least one entrant"];
  const seen = new Set<number>();
  entrants.forEach((entrant, i) => {
    const at = `entrants[${i}]`;
    if (typeof entrant !== "object" || entrant === null) {
      problems.push(`${at} is not an object`);
      return;
    }
    if (!Number.isSafeInteger(entrant.index) || entrant.index < 0)
      problems.push(`${at}.index is ${String(entrant.index)}: a non-negative integer`);
    else if (seen.has(entrant.index)) problems.push(`${at}.index ${entrant.index} is used twice`);
    else seen.add(entrant.index);
    if (typeof entrant.name !== "string" || entrant.name.trim() === "") problems.push(`${at}.name is empty`);
    if (typeof entrant.modelFamily !== "string" || entrant.modelFamily.trim() === "")
      problems.push(`${at}.modelFamily is empty`);
    if (typeof entrant.configHash !== "string" || !hashPattern.test(entrant.configHash))
      problems.push(`${at}.configHash ${JSON.stringify(entrant.configHash)} is not a 0x 32-byte hex hash`);
    if (entrant.frozenConfigHash !== undefined && !hashPattern.test(entrant.frozenConfigHash))
      problems.push(`${at}.frozenConfigHash ${JSON.stringify(entrant.frozenConfigHash)} is not a 0x 32-byte hex hash`);
    if (entrant.wallet !== undefined && !walletPattern.test(entrant.wallet))
      problems.push(`${at}.wallet ${JSON.stringify(entrant.wallet)} is not a 0x 20-byte address`);
    const agent = entrant.agent as Partial<SeasonAgent> | undefined;
    if (typeof agent !== "object" || agent === null || typeof agent.decide !== "function")
      problems.push(`${at}.agent has no decide function`);
    else if (typeof agent.id !== "string" || agent.id === "") problems.push(`${at}.agent.id is empty`);
  });
  return problems;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Creates a season: compiles the rules against the dataset, checks the entrants (every problem at
 * once), and returns the incremental API. Round timeline (docs/engine.md, "A round"):
 * 1. for every entrant still in: the round begins (a pause whose time is over is lifted; on a new
 *    UTC day the day's starting equity is taken; with "open" fills, stops the open gapped through
 *    execute); config freeze check (seed 003); with "close" fills, the mark: stops hit by the bar,
 *    mark at the closes, risk triggers;
 * 2. every entrant still in is asked for its decision, from an observation holding only data up to
 *    the decision time;
 * 3. per entrant: each order passes the conduct pre-trade review, then the risk checks and the
 *    broker (FILLED or CANCELLED with a typed reason), then the stop-loss updates; banned strategies
 *    found so far are reviewed (disqualification); with "open" fills the mark comes now; the mark
 *    record and the running statistics;
 * 4. the standings.
 */
export function createSeason(parameters: CreateSeasonParameters): CreateSeasonReturnType {
  const { dataset, entrants: given, seed, lookback, onOrderFilled } = parameters;
  const compiled = compileSeasonRules({ rules: parameters.rules, dataset });
  const problems = entrantProblems(given, seed);
  if (problems.length > 0) throw new InvalidSeasonEntrantsError(problems);
  const { rules, tape, riskEngine, broker } = compiled;
  const universe = tape.universe;
  const rounds = tape.rounds;
  const first = rounds[0] as MarketRound;
  const last = rounds[rounds.length - 1] as MarketRound;
  const window: SeasonWindow = { start: first.time, end: last.time + tape.barSeconds };
  const dataHash = (parameters.datasetHash ?? hashDataset(dataset)).toLowerCase() as Hex;

  const { banned, requirements, needsLog, denies, disqualifies, judges } = conductLogs(rules.conduct);
  const freezes = requirements.config.tournament === "non-daily";
  const tracksHours = requirements.config.activity !== null;
  const observations = createRoundObservations(
    lookback === undefined ? { season: compiled } : { season: compiled, lookback },
  );
  const liveRanking = createLiveRanking(rules.scoring);
  const sorted = [...given].sort((a, b) => a.index - b.index);
  const rankedByTournamentScore = (tournamentMethods as readonly string[]).includes(rules.scoring.method);

  // Per-entrant values the loop writes every round live in season-wide tables, one column per
  // entrant (its slot), so that a round walks them in order: the hours of activity, the mark series,
  // and each entrant's |quantity| per asset as floats (exposure samples, as of `bookVersion`).
  const activityTable: ActivityTable | undefined = tracksHours ? createActivityTable(window, sorted.length) : undefined;
  const series: MarkSeries = createMarkSeries(sorted.length, rounds.length + 1);
  const assetCount = universe.assets.length;
  const quantityFloats = new Float64Array(sorted.length * assetCount);
  const startFloat = fixedToNumber(compiled.startingCapital);

  const runtimes: EntrantRuntime[] = sorted.map((entrant, slot) => {
    const id = entrantIdOf(entrant);
    const stats = createRunningStatistics({
      periodsPerYear: rules.scoring.periodsPerYear,
      riskFreeRatePerYear: rules.scoring.riskFreeRatePerYear,
      markets: universe.assets.length,
      // Sortino, consistency and turnover are read live only by a Tournament Score (settlement uses the batch metrics).
      tournament: rankedByTournamentScore,
    });
    series.equity[slot] = startFloat;
    addMark(stats, startFloat);
    const frozenConfigHash = (entrant.frozenConfigHash ?? entrant.configHash).toLowerCase();
    const runningConfigHash = entrant.configHash.toLowerCase();
    return {
      entrant,
      slot,
      id,
      agent: entrant.agent,
      deterministic: entrant.agent.deterministic === true,
      frozenConfigHash,
      runningConfigHash,
      checksConfig: typeof entrant.agent.configHashAt === "function" || runningConfigHash !== frozenConfigHash,
      account: compiled.createAccount(id),
      seen: 0,
      participating: false,
      activity: needsLog ? { entrant: id, events: [] } : undefined,
      reviewed: 0,
      logTouched: false,
      stats,
      marks: 1,
      closedTrades: [],
      bookBase: compiled.startingCapital,
      bookVersion: -1,
      bookBaseUnits: fixedToUnits(compiled.startingCapital),
      markUnits: Number.NaN,
      markBookVersion: -1,
      excludedAsset: new Uint8Array(universe.assets.length),
      hasExclusions: false,
      excludedOrders: new Set(),
      riskFills: 0,
      forfeits: [],
      lastEquity: compiled.startingCapital,
      decisions: [],
      rounds: 0,
      row: {
        entrantId: id,
        name: entrant.name,
        modelFamily: entrant.modelFamily,
        status: "active",
        stats,
        totalReturn: null,
        sharpeRatio: null,
        calmarRatio: () => runningCalmarRatio(stats),
        maxDrawdown: null,
        winRate: null,
        scoredEquity: compiled.startingCapital,
        startingCapital: compiled.startingCapital,
        trades: 0,
        durationSeconds: 0,
        riskViolations: 0,
      },
    };
  });
  const byId = new Map(runtimes.map((runtime) => [runtime.id, runtime]));
  const rows = runtimes.map((runtime) => runtime.row);

  const header: SeasonHeader = {
    format: SEASON_FORMAT,
    seasonId: rules.id,
    rulesHash: rulesHash({ rules, datasetHash: dataHash }),
    datasetHash: dataHash,
    seed,
    scoringMethod: rules.scoring.method,
    rounds: rounds.length,
    start: window.start,
    end: window.end,
    entrants: runtimes.map(({ entrant, id, frozenConfigHash }) => {
      const described: SeasonHeader["entrants"][number] = {
        entrantId: id,
        index: entrant.index,
        name: entrant.name,
        modelFamily: entrant.modelFamily,
        configHash: entrant.configHash.toLowerCase(),
        frozenConfigHash: frozenConfigHash.toLowerCase(),
      };
      if (entrant.wallet !== undefined) described.wallet = entrant.wallet.toLowerCase();
      return described;
    }),
  };

  let nextRound = 0;
  let broken: string | undefined;
  let busy = false;
  let lastSnapshot: StandingsSnapshot | undefined;
  let results: SeasonResults | undefined;

  // --- record bookkeeping -------------------------------------------------------------------------

  // Every record of the round goes to one array, phase by phase and entrant by entrant in each phase.
  // The risk engine only appends RoundRecords to it; the season appends its own records too.
  let roundRecords: SeasonRecord[] = [];
  const sinkOf = (_runtime: EntrantRuntime) => roundRecords as RoundRecord[];
  const push = (runtime: EntrantRuntime, record: SeasonRecord) => {
    roundRecords.push(record);
    runtime.seen = roundRecords.length;
  };

  const head = (runtime: EntrantRuntime, round: MarketRound) => ({
    round: round.index,
    time: round.time,
    entrantId: runtime.id,
  });

  const onFill = (runtime: EntrantRuntime, fill: Fill, orderId: string) => {
    runtime.activity?.events.push(fillEvent(fill, orderId));
    const index = (universe.bySymbol.get(fill.symbol) as { index: number }).index;
    const wasExcluded = runtime.excludedAsset[index] === 1;
    const excluded = fill.excludedFromScoring || wasExcluded;
    if (fill.positionAfter === 0n) runtime.excludedAsset[index] = 0;
    else if (fill.closedTradePnl !== undefined) runtime.excludedAsset[index] = fill.excludedFromScoring ? 1 : 0;
    else if (fill.excludedFromScoring) runtime.excludedAsset[index] = 1;
    if (excluded) {
      runtime.hasExclusions = true;
      if (fill.kind === "order") runtime.excludedOrders.add(orderId);
      return;
    }
    runtime.stats.tradedNotional[index] =
      (runtime.stats.tradedNotional[index] as number) + fixedToNumber(fill.notional);
    if (fill.closedTradePnl !== undefined) {
      const pnl = fixedToNumber(fill.closedTradePnl);
      runtime.closedTrades.push(pnl);
      addClosedTrade(runtime.stats, pnl);
    }
    if (fill.kind === "order") runtime.row.trades++;
  };

  /** Reads the records appended since the last call: conduct fill events, statistics, risk violations. */
  const absorb = (runtime: EntrantRuntime, round: MarketRound, orderId = "") => {
    const sink = roundRecords;
    if (runtime.seen < sink.length) runtime.logTouched = true;
    for (let k = runtime.seen; k < sink.length; k++) {
      const record = sink[k] as SeasonRecord;
      switch (record.type) {
        case "orderFilled":
          onFill(runtime, record.fill, orderId);
          if (record.fill.exclusions !== undefined) runtime.row.riskViolations++;
          break;
        case "orderCancelled":
          if (ruleDenials.has(record.denial.reason)) runtime.row.riskViolations++;
          break;
        case "riskEvent":
          if (record.event.kind === "stopLossTriggered")
            onFill(runtime, record.event.fill, `risk:${round.index}:${runtime.riskFills++}`);
          break;
        case "forcedLiquidation":
          for (const fill of record.fills) onFill(runtime, fill, `risk:${round.index}:${runtime.riskFills++}`);
          break;
        default:
          break;
      }
    }
    runtime.seen = sink.length;
  };

  // --- phase 1: the round begins --------------------------------------------------------------------

  const prepare = (round: MarketRound) => {
    roundRecords = [];
    for (const runtime of runtimes) {
      runtime.seen = roundRecords.length;
      const account = runtime.account;
      runtime.participating = !isFinalStatus(account.status);
      if (!runtime.participating) continue;
      riskEngine.beginRound(account, round, sinkOf(runtime));
      if (freezes && runtime.checksConfig) {
        const reported = runtime.agent.configHashAt?.(round.index);
        const running = reported === undefined ? runtime.runningConfigHash : reported.toLowerCase();
        if (running !== runtime.frozenConfigHash) {
          const outcome = requirements.checkConfigFreeze(runtime.id, runtime.frozenConfigHash, [
            { round: round.index, time: round.time, configHash: running },
          ]);
          if (outcome !== undefined) {
            runtime.forfeits.push(outcome);
            push(runtime, { type: "conductOutcome", ...head(runtime, round), outcome });
            riskEngine.retireEntrant(account, round, "forfeited", sinkOf(runtime));
          }
        }
      }
      runtime.markUnits =
        broker.fillPrice === "close" && !isFinalStatus(account.status)
          ? riskEngine.markAccount(account, round, sinkOf(runtime))
          : Number.NaN;
      runtime.markBookVersion = account.bookVersion;
      absorb(runtime, round);
    }
  };

  // --- phase 2: decisions ---------------------------------------------------------------------------

  type Asked = {
    decisions: (CommittedDecision | undefined)[];
    pending: [number, PromiseLike<AgentDecision>][];
    /** Observations given to agents that are not deterministic: sealed before any order of the round. */
    handedOut: RoundObservation[];
  };

  const commit = (raw: unknown): CommittedDecision => {
    // The bots' silent hold is the common case: no copy, no allocation.
    if (raw === SILENT_HOLD) return SILENT_HOLD;
    return commitDecision(raw);
  };

  // One array for every round's decisions: a round's are read by its apply and dropped (rounds never
  // overlap: `busy`, and step() is synchronous), so no array per round.
  const roundDecisions: (CommittedDecision | undefined)[] = new Array(runtimes.length).fill(undefined);

  const ask = (round: MarketRound, recorded?: ReadonlyMap<string, CommittedDecision>): Asked => {
    const decisions = roundDecisions.fill(undefined);
    const pending: [number, PromiseLike<AgentDecision>][] = [];
    const handedOut: RoundObservation[] = [];
    for (let i = 0; i < runtimes.length; i++) {
      const runtime = runtimes[i] as EntrantRuntime;
      const account = runtime.account;
      if (!runtime.participating || isFinalStatus(account.status)) continue;
      const deterministic = runtime.deterministic;
      if (recorded !== undefined && !deterministic) {
        decisions[i] = recorded.get(runtime.id) ?? SILENT_HOLD;
        continue;
      }
      // A deterministic agent reads its observation only while it decides: one object serves them all.
      const observation = deterministic
        ? observations.observeTransient(account, round.index)
        : observations.observe(account, round.index);
      if (!deterministic) handedOut.push(observation);
      let raw: AgentDecision | PromiseLike<AgentDecision>;
      try {
        raw = runtime.agent.decide(observation);
      } catch (error) {
        decisions[i] = failedDecision("AGENT_ERROR", errorText(error));
        continue;
      }
      if (isThenable(raw)) pending.push([i, raw]);
      else decisions[i] = commit(raw);
    }
    return { decisions, pending, handedOut };
  };

  /** Fixes what handed-out observations say before the round's orders change any account. */
  const seal = (asked: Asked) => {
    for (const observation of asked.handedOut) observations.seal(observation);
  };

  const settlePending = async (asked: Asked) => {
    await Promise.all(
      asked.pending.map(async ([i, promise]) => {
        try {
          asked.decisions[i] = commit(await promise);
        } catch (error) {
          asked.decisions[i] = failedDecision("AGENT_ERROR", errorText(error));
        }
      }),
    );
  };

  // --- phase 3: decisions applied, marks, conduct, statistics ----------------------------------------

  /** The round's order ids ("round:k"), made once per round and position: every entrant's k-th order shares it. */
  let orderIds: string[] = [];
  let orderIdsRound = -1;
  const orderIdOf = (round: MarketRound, k: number): string => {
    if (orderIdsRound !== round.index) {
      orderIdsRound = round.index;
      orderIds = [];
    }
    let id = orderIds[k];
    if (id === undefined) {
      id = `${round.index}:${k}`;
      orderIds[k] = id;
    }
    return id;
  };

  const submit = (runtime: EntrantRuntime, round: MarketRound, order: Order, k: number, aqi: AqiTally) => {
    const account = runtime.account;
    const orderId = orderIdOf(round, k);
    if (runtime.activity !== undefined && account.status === "active") {
      const preview = previewOrder({ account, order, round, universe, config: broker });
      if (!isDenial(preview)) {
        runtime.activity.events.push(intentEvent(account, preview, round, orderId));
        if (denies) {
          const intent = runtime.activity.events[runtime.activity.events.length - 1];
          const denial = banned.reviewIntent(intent as Parameters<ConductPolicy["reviewIntent"]>[0], runtime.activity);
          if (denial !== undefined) {
            push(runtime, {
              type: "conductDenied",
              ...head(runtime, round),
              request: { kind: "order", order },
              denial,
            });
            aqi.allFilled = false;
            return;
          }
        }
        const before = preview.before;
        const beforeStop = account.positions[preview.asset.index]?.stopLoss;
        // Nothing changed the account since the preview (the conduct review only reads the log).
        const outcome = riskEngine.submitOrder(account, round, order, sinkOf(runtime), preview);
        absorb(runtime, round, orderId);
        if (outcome.status === "FILLED") {
          const after = account.positions[preview.asset.index];
          const stop = stopEventAfterOrder(before.quantity, beforeStop, after, round);
          if (stop !== undefined) runtime.activity.events.push(stop);
          filled(runtime, round, outcome.fill, before.quantity, aqi);
        } else aqi.allFilled = false;
        return;
      }
    }
    const index = typeof order?.symbol === "string" ? universe.bySymbol.get(order.symbol)?.index : undefined;
    const beforeQuantity = index === undefined ? 0n : (account.positions[index]?.quantity ?? 0n);
    const outcome = riskEngine.submitOrder(account, round, order, sinkOf(runtime));
    absorb(runtime, round, orderId);
    if (outcome.status === "FILLED") filled(runtime, round, outcome.fill, beforeQuantity, aqi);
    else aqi.allFilled = false;
  };

  type AqiTally = { allFilled: boolean; opened: number; withStop: number };

  const filled = (runtime: EntrantRuntime, round: MarketRound, fill: Fill, beforeQuantity: bigint, aqi: AqiTally) => {
    const after = fill.positionAfter;
    if (after !== 0n && (beforeQuantity === 0n || beforeQuantity > 0n !== after > 0n)) {
      aqi.opened++;
      const index = (universe.bySymbol.get(fill.symbol) as { index: number }).index;
      if (runtime.account.positions[index]?.stopLoss !== undefined) aqi.withStop++;
    }
    onOrderFilled?.({ entrantId: runtime.id, account: runtime.account, fill, round });
  };

  const moveStop = (runtime: EntrantRuntime, round: MarketRound, update: StopLossUpdate, aqi: AqiTally) => {
    const account = runtime.account;
    if (runtime.activity !== undefined && account.status === "active" && typeof update?.stopLoss === "bigint") {
      const asset = typeof update.symbol === "string" ? universe.bySymbol.get(update.symbol) : undefined;
      const position = asset === undefined ? undefined : account.positions[asset.index];
      if (position !== undefined && update.stopLoss > 0n) {
        const event = stopChangeEvent(position, update.stopLoss, round);
        if (denies) {
          const denial = banned.reviewIntent(event, runtime.activity);
          if (denial !== undefined) {
            push(runtime, {
              type: "conductDenied",
              ...head(runtime, round),
              request: { kind: "stopLossUpdate", update },
              denial,
            });
            aqi.allFilled = false;
            return;
          }
        }
        const refused = riskEngine.updateStopLoss(account, round, update, sinkOf(runtime));
        runtime.seen = roundRecords.length;
        if (refused === undefined) runtime.activity.events.push(event);
        else aqi.allFilled = false;
        return;
      }
    }
    if (riskEngine.updateStopLoss(account, round, update, sinkOf(runtime)) !== undefined) aqi.allFilled = false;
    runtime.seen = roundRecords.length;
  };

  const hourEvent: { round: number; time: number; outcome: DecisionOutcome } = { round: 0, time: 0, outcome: "hold" };

  const applyDecision = (runtime: EntrantRuntime, round: MarketRound, decision: CommittedDecision) => {
    if (activityTable !== undefined) {
      if (decision === SILENT_HOLD) recordHoldAt(activityTable, runtime.slot, round.index, round.time);
      else {
        // One reused event: recordDecisionAt reads it and keeps nothing (no allocation per entrant and round).
        hourEvent.round = round.index;
        hourEvent.time = round.time;
        hourEvent.outcome = activityOutcome(decision);
        recordDecisionAt(activityTable, runtime.slot, hourEvent);
      }
    }
    if (decision === SILENT_HOLD) return;
    runtime.logTouched = true;
    if (!isSilentHold(decision)) push(runtime, decisionRecordOf(runtime, round, decision));
    const aqi: AqiTally = { allFilled: true, opened: 0, withStop: 0 };
    const orders = decision.orders;
    for (let k = 0; k < orders.length; k++) submit(runtime, round, orders[k] as Order, k, aqi);
    const updates = decision.stopLossUpdates;
    for (let u = 0; u < updates.length; u++) moveStop(runtime, round, updates[u] as StopLossUpdate, aqi);
    if (!isSilentHold(decision)) runtime.decisions.push(agentDecisionRecordOf(round, decision, aqi));
  };

  /** The decision as the Agent Quality Index reads it. */
  const agentDecisionRecordOf = (
    round: MarketRound,
    decision: CommittedDecision,
    aqi: AqiTally,
  ): AgentDecisionRecord => {
    const valid = decision.outcome !== "no-trade";
    // A decision replayed from a private record has no text: the counts recorded with it stand in.
    const withheld = decision.withheld;
    return {
      time: round.time * 1_000,
      reasoning: decision.reasoning,
      ...(withheld === undefined ? {} : { reasoningSteps: withheld.reasoningSteps, indicators: withheld.indicators }),
      valid,
      executed: valid && aqi.allFilled,
      positionsOpened: aqi.opened,
      positionsWithStopLoss: aqi.withStop,
      positionsWithTakeProfit: 0,
    };
  };

  /** The decision as recorded: in full for a public entrant, its texts as hashes for a private one. */
  const decisionRecordOf = (runtime: EntrantRuntime, round: MarketRound, decision: CommittedDecision): SeasonRecord => {
    if (runtime.entrant.visibility !== "private") {
      // Written out rather than spread from a common part: one object (the same fields, in order).
      const record: SeasonRecord = {
        type: "decision",
        round: round.index,
        time: round.time,
        entrantId: runtime.id,
        outcome: decision.outcome,
        orders: decision.orders,
        stopLossUpdates: decision.stopLossUpdates,
        reasoning: decision.reasoning,
      };
      if (decision.noTradeReason !== undefined) record.noTradeReason = decision.noTradeReason;
      return record;
    }
    const common = {
      type: "decision",
      ...head(runtime, round),
      outcome: decision.outcome,
      orders: decision.orders,
      stopLossUpdates: decision.stopLossUpdates,
    } as const;
    const withheld = withheldText(decision);
    const record: SeasonRecord = {
      ...common,
      visibility: "private",
      reasoningHash: withheld.reasoningHash,
      quality: { reasoningSteps: withheld.reasoningSteps, indicators: withheld.indicators },
    };
    if (decision.noTradeReason !== undefined)
      record.noTradeReason = {
        code: decision.noTradeReason.code,
        detailHash: withheld.detailHash ?? textHash(decision.noTradeReason.detail),
      };
    return record;
  };

  const reviewConduct = (runtime: EntrantRuntime, round: MarketRound) => {
    const activity = runtime.activity;
    if (!disqualifies || activity === undefined || isFinalStatus(runtime.account.status)) return;
    // Counted over the whole log: released events have left the array.
    const total = (activity.released ?? 0) + activity.events.length;
    if (total === runtime.reviewed) return;
    runtime.reviewed = total;
    const disqualifications = banned.review(activity).filter((outcome) => outcome.status === "disqualified");
    if (disqualifications.length === 0) return;
    for (const outcome of disqualifications)
      push(runtime, { type: "conductOutcome", ...head(runtime, round), outcome });
    riskEngine.retireEntrant(runtime.account, round, "disqualified", sinkOf(runtime));
    absorb(runtime, round);
  };

  const finishRound = (runtime: EntrantRuntime, round: MarketRound, index: number) => {
    const account = runtime.account;
    // Σ |quantity| × mark in floats, converting as few bigints as possible: the round's closes are
    // converted once per round, the quantities only when a fill changed the book (bookVersion), and
    // no price is compared when the whole book was last marked at the closes.
    const positions = account.positions;
    const at = runtime.slot * assetCount;
    if (runtime.bookVersion !== account.bookVersion) {
      runtime.bookVersion = account.bookVersion;
      for (let i = 0; i < positions.length; i++) {
        const position = positions[i];
        quantityFloats[at + i] = position === undefined ? 0 : Math.abs(Number(position.quantity));
      }
      runtime.bookBase = account.startingCapital + account.realizedPnl - account.feesPaid;
      runtime.bookBaseUnits = fixedToUnits(runtime.bookBase);
    }
    let gross = 0;
    if (account.openPositionCount > 0 && account.markedAt === round.closes) {
      // The whole book marked at the closes: no position object is read (a flat asset adds 0).
      for (let i = 0; i < assetCount; i++) gross += (quantityFloats[at + i] as number) * (closeFloats[i] as number);
    } else if (account.openPositionCount > 0) {
      for (let i = 0; i < positions.length; i++) {
        const position = positions[i];
        if (position === undefined) continue;
        const mark = position.markPrice === round.closes[i] ? (closeFloats[i] as number) : Number(position.markPrice);
        gross += (quantityFloats[at + i] as number) * mark;
      }
    }
    // The equity in units: the mark's while no fill followed it (EntrantRuntime.markUnits), so that the
    // equity's bigint, made a whole phase ago and out of the cache by now, is not read.
    const equityUnits =
      account.bookVersion === runtime.markBookVersion && !Number.isNaN(runtime.markUnits)
        ? runtime.markUnits
        : fixedToUnits(account.equity);
    // The account identity (docs/engine.md, Broker): equity = capital + realized − fees + Σ unrealized, O(1)
    // (capital + realized − fees changes only with a fill: kept per book version). On exact integer
    // doubles when both amounts convert exactly (the difference then too, or it would not pass the
    // check): a double subtraction and an inlined conversion instead of a bigint subtraction.
    const baseUnits = runtime.bookBaseUnits;
    const difference = equityUnits - baseUnits;
    const unrealizedPnl =
      account.openPositionCount === 0
        ? 0n
        : isExactUnits(equityUnits) && isExactUnits(baseUnits) && isExactUnits(difference)
          ? exactToFixed(difference)
          : account.equity - runtime.bookBase;
    push(runtime, {
      type: "mark",
      round: round.index,
      time: round.time,
      entrantId: runtime.id,
      equity: account.equity,
      cash: account.cash,
      unrealizedPnl,
      realizedPnl: account.realizedPnl,
      feesPaid: account.feesPaid,
      status: account.status,
    });
    const scored = runtime.hasExclusions ? scoredEquity(account) : account.equity;
    if (!runtime.stats.bust) {
      // fixedToNumber(scored), from the units in hand when the scored equity is the equity.
      const value = scored === account.equity ? unitsToNumber(equityUnits) : fixedToNumber(scored);
      addMark(runtime.stats, value);
      // Gross exposure Σ |quantity × mark| / equity (floats: a statistic), 0 when flat.
      const equity = scored === account.equity ? value : fixedToNumber(account.equity);
      const cell = runtime.marks * series.entrants + runtime.slot;
      series.exposure[cell - series.entrants] = gross > 0 && equity > 0 ? gross / FIXED_SCALE_SQUARED / equity : 0;
      series.equity[cell] = value;
      runtime.marks++;
    }
    runtime.rounds++;
    runtime.lastEquity = account.equity;
    const row = runtime.row;
    row.status = account.status;
    row.scoredEquity = scored;
    row.durationSeconds = round.time + tape.barSeconds - window.start;
    liveRanking.refresh(index, row);
  };

  const closeFloats = new Float64Array(universe.assets.length);

  const apply = (round: MarketRound, decisions: readonly (CommittedDecision | undefined)[]): RoundOutput => {
    for (let i = 0; i < closeFloats.length; i++) closeFloats[i] = Number(round.closes[i] as bigint);
    for (let i = 0; i < runtimes.length; i++) {
      const runtime = runtimes[i] as EntrantRuntime;
      if (!runtime.participating) continue;
      runtime.seen = roundRecords.length;
      const decision = decisions[i];
      if (decision !== undefined) applyDecision(runtime, round, decision);
      if (runtime.logTouched) {
        runtime.logTouched = false;
        // The round's orders are judged before the round's mark: with "open" fills a mark that ends
        // the entrant (terminated, eliminated) must not hide a banned strategy its orders completed.
        reviewConduct(runtime, round);
        // Every rule has read the log now: its events are dropped, so the heap stays flat over a season.
        if (runtime.activity !== undefined) banned.release(runtime.activity);
      }
      if (broker.fillPrice === "open" && !isFinalStatus(runtime.account.status)) {
        runtime.markUnits = riskEngine.markAccount(runtime.account, round, sinkOf(runtime));
        runtime.markBookVersion = runtime.account.bookVersion;
        absorb(runtime, round);
      }
      finishRound(runtime, round, i);
    }
    const snapshot = liveRanking.snapshot(rows);
    lastSnapshot = snapshot;
    nextRound = round.index + 1;
    return {
      round: round.index,
      time: round.time,
      records: roundRecords,
      // Built on first read (most rounds of a long simulation are never read as objects).
      get standings() {
        return snapshot.standings();
      },
    };
  };

  // --- the API ----------------------------------------------------------------------------------------

  const begin = (): MarketRound => {
    if (broken !== undefined)
      throw new SeasonStateError(`Season "${rules.id}" cannot continue: ${broken}.`, {
        hint: "Create the season again (or resume it from its persisted rounds) and run async agents with runRound().",
      });
    if (busy)
      throw new SeasonStateError(`Season "${rules.id}" is already running a round.`, {
        hint: "Await the previous runRound() before starting the next.",
      });
    const round = rounds[nextRound];
    if (round === undefined)
      throw new SeasonStateError(`Season "${rules.id}" has run all its ${rounds.length} rounds.`, {
        hint: "Read results() instead.",
      });
    return round;
  };

  const runAsync = async (recorded?: ReadonlyMap<string, CommittedDecision>) => {
    const round = begin();
    busy = true;
    try {
      prepare(round);
      const asked = ask(round, recorded);
      if (asked.pending.length > 0) await settlePending(asked);
      seal(asked);
      return apply(round, asked.decisions);
    } catch (error) {
      broken = `round ${round.index} failed: ${errorText(error)}`;
      throw error;
    } finally {
      busy = false;
    }
  };

  return {
    header,
    compiled,
    roundCount: rounds.length,
    get nextRound() {
      return nextRound;
    },
    get finished() {
      return nextRound >= rounds.length;
    },
    account: (entrantId) => byId.get(entrantId)?.account,
    standings: () => lastSnapshot?.standings() ?? [],
    step() {
      const round = begin();
      try {
        prepare(round);
        const asked = ask(round);
        if (asked.pending.length > 0) {
          for (const [, promise] of asked.pending) Promise.resolve(promise).catch(() => undefined);
          const ids = asked.pending.map(([i]) => (runtimes[i] as EntrantRuntime).id).join(", ");
          throw new SeasonStateError(`step() needs synchronous agents; entrant(s) ${ids} answered with a promise.`, {
            hint: "Run seasons with async agents (LLM agents) through runRound() or runSeason().",
          });
        }
        seal(asked);
        return apply(round, asked.decisions);
      } catch (error) {
        broken = `round ${round.index} failed: ${errorText(error)}`;
        throw error;
      }
    },
    runRound: () => runAsync(),
    replayRound: (recorded) => runAsync(recorded),
    results() {
      if (results !== undefined) return results;
      if (nextRound < rounds.length)
        throw new SeasonStateError(
          `Season "${rules.id}" has run ${nextRound} of its ${rounds.length} rounds: results come after the last.`,
          { hint: "Run the remaining rounds first (runSeason runs them all)." },
        );
      results = settleSeason({
        header,
        compiled,
        runtimes,
        series,
        activityTable,
        banned,
        requirements,
        judges,
        window,
        rewardSplitBps: parameters.rewardSplitBps,
      });
      return results;
    },
  };
}

/** 10^16: a product of two 8-decimal fixed-point values read as floats. */
const FIXED_SCALE_SQUARED = 1e16;
