import type { Fixed } from "../money/fixed.ts";
import { type ActivityEvent, type AgentActivity, decisionOutcomes, type PositionSnapshot } from "./agentActivity.ts";
import { activityLogHint, InvalidConductInputError } from "./invalidConductInputError.ts";

/**
 * Reads an activity log back from JSON (as canonical JSON wrote it: money as integer strings in
 * fixed-point units) and checks its shape, reporting every problem with its path.
 */
export function parseAgentActivity(value: unknown): AgentActivity {
  const problems: string[] = [];
  const r = reader(problems);
  const root = r.object(value, "$", ["entrant", "events"]);
  const entrant = r.string(root?.entrant, "$.entrant");
  const events: ActivityEvent[] = [];
  if (root !== undefined && !Array.isArray(root.events)) problems.push("$.events: expected an array of events");
  const list = root !== undefined && Array.isArray(root.events) ? (root.events as unknown[]) : [];
  list.forEach((item, i) => {
    const event = parseEvent(r, item, `$.events[${i}]`);
    if (event !== undefined) events.push(event);
  });
  if (problems.length > 0) {
    const shown = problems.length > 50 ? [...problems.slice(0, 50), `… and ${problems.length - 50} more`] : problems;
    throw new InvalidConductInputError("activity log", shown, activityLogHint);
  }
  return { entrant: entrant ?? "", events };
}

const fieldsByKind = {
  intent: ["orderId", "symbol", "quantity", "price", "stopPrice", "equity", "position"],
  fill: ["orderId", "symbol", "quantity", "price", "fee", "realizedPnl", "positionAfter"],
  stop: ["symbol", "side", "entryPrice", "previousStop", "newStop"],
  mark: ["equity"],
  decision: ["outcome"],
} as const;

function parseEvent(r: Reader, item: unknown, path: string): ActivityEvent | undefined {
  const kind = (item as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string" || !(kind in fieldsByKind)) {
    r.problems.push(
      `${path}.kind: expected one of ${Object.keys(fieldsByKind).join(", ")}, got ${JSON.stringify(kind)}`,
    );
    return undefined;
  }
  const k = kind as keyof typeof fieldsByKind;
  const o = r.object(item, path, ["kind", "round", "time", ...fieldsByKind[k]]);
  if (o === undefined) return undefined;
  const round = r.integer(o.round, `${path}.round`, 0);
  const time = r.integer(o.time, `${path}.time`, 0);
  const before = r.problems.length;
  let event: ActivityEvent | undefined;
  const stamp = { round: round ?? 0, time: time ?? 0 };
  if (k === "intent") {
    const p = r.object(o.position, `${path}.position`, ["quantity", "averageEntryPrice", "unrealizedPnl", "stopPrice"]);
    const position: PositionSnapshot = {
      quantity: r.fixed(p?.quantity, `${path}.position.quantity`),
      averageEntryPrice: r.fixed(p?.averageEntryPrice, `${path}.position.averageEntryPrice`),
      unrealizedPnl: r.fixed(p?.unrealizedPnl, `${path}.position.unrealizedPnl`),
      stopPrice: r.fixedOrNull(p?.stopPrice, `${path}.position.stopPrice`),
    };
    event = {
      kind: "intent",
      ...stamp,
      orderId: r.string(o.orderId, `${path}.orderId`) ?? "",
      symbol: r.string(o.symbol, `${path}.symbol`) ?? "",
      quantity: r.fixed(o.quantity, `${path}.quantity`),
      price: r.fixed(o.price, `${path}.price`),
      stopPrice: r.fixedOrNull(o.stopPrice, `${path}.stopPrice`),
      equity: r.fixed(o.equity, `${path}.equity`),
      position,
    };
  } else if (k === "fill") {
    event = {
      kind: "fill",
      ...stamp,
      orderId: r.string(o.orderId, `${path}.orderId`) ?? "",
      symbol: r.string(o.symbol, `${path}.symbol`) ?? "",
      quantity: r.fixed(o.quantity, `${path}.quantity`),
      price: r.fixed(o.price, `${path}.price`),
      fee: r.fixed(o.fee, `${path}.fee`),
      realizedPnl: r.fixed(o.realizedPnl, `${path}.realizedPnl`),
      positionAfter: r.fixed(o.positionAfter, `${path}.positionAfter`),
    };
  } else if (k === "stop") {
    if (o.side !== "long" && o.side !== "short") {
      r.problems.push(`${path}.side: expected "long" or "short", got ${JSON.stringify(o.side)}`);
    }
    event = {
      kind: "stop",
      ...stamp,
      symbol: r.string(o.symbol, `${path}.symbol`) ?? "",
      side: o.side === "short" ? "short" : "long",
      entryPrice: r.fixed(o.entryPrice, `${path}.entryPrice`),
      previousStop: r.fixedOrNull(o.previousStop, `${path}.previousStop`),
      newStop: r.fixedOrNull(o.newStop, `${path}.newStop`),
    };
  } else if (k === "mark") {
    event = { kind: "mark", ...stamp, equity: r.fixed(o.equity, `${path}.equity`) };
  } else {
    const outcome = decisionOutcomes.find((d) => d === o.outcome);
    if (outcome === undefined) {
      r.problems.push(
        `${path}.outcome: expected one of ${decisionOutcomes.join(", ")}, got ${JSON.stringify(o.outcome)}`,
      );
    }
    event = { kind: "decision", ...stamp, outcome: outcome ?? "missing" };
  }
  return r.problems.length === before && round !== undefined && time !== undefined ? event : undefined;
}

type Reader = ReturnType<typeof reader>;

function reader(problems: string[]) {
  return {
    problems,
    object(value: unknown, path: string, fields: readonly string[]) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        problems.push(`${path}: expected an object`);
        return undefined;
      }
      for (const key of Object.keys(value)) {
        if (!fields.includes(key)) problems.push(`${path}.${key}: unknown field`);
      }
      return value as Readonly<Record<string, unknown>>;
    },
    string(value: unknown, path: string) {
      if (typeof value === "string" && value.length > 0) return value;
      problems.push(`${path}: expected a non-empty string, got ${JSON.stringify(value)}`);
      return undefined;
    },
    integer(value: unknown, path: string, min: number) {
      if (typeof value === "number" && Number.isSafeInteger(value) && value >= min) return value;
      problems.push(`${path}: expected an integer ≥ ${min}, got ${JSON.stringify(value)}`);
      return undefined;
    },
    /** A fixed-point amount: a bigint, or its integer string in 8-decimal units ("150000000" is 1.5). */
    fixed(value: unknown, path: string): Fixed {
      if (typeof value === "bigint") return value;
      if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
      problems.push(
        `${path}: expected a fixed-point integer string (8 decimals: "150000000" is 1.5), got ${JSON.stringify(value)}`,
      );
      return 0n;
    },
    fixedOrNull(value: unknown, path: string): Fixed | null {
      return value === null ? null : this.fixed(value, path);
    },
  };
}
