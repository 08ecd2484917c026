import { PodiumError } from "../errors/podiumError.ts";
import { type Fixed, parseFixed } from "../money/fixed.ts";
import { type BarProblem, formatBarProblems } from "./barProblem.ts";
import { parseCsvRecords } from "./parseCsvRecords.ts";
import { parseUtcTime } from "./parseUtcTime.ts";
import type { RawBar } from "./rawBar.ts";

/**
 * Reads OHLCV bars from CSV text. The layout is found from the header (names are matched without
 * case, spaces or underscores):
 * - `timestamp,open,high,low,close,volume` (exchange exports; ISO UTC or unix ms timestamps);
 * - `Date,Open,High,Low,Close,Adj Close,Volume` (Yahoo downloads; `Adj Close` is ignored: bars
 *   carry traded prices, not dividend-adjusted ones);
 * - any order of those names, `date`/`time`/`datetime`/`open time` for the time, `price` for close;
 *   without open/high/low the series is close-only (open = high = low = close); without volume,
 *   volume is 0;
 * - no header at all (the first field is a timestamp): the first six columns are
 *   `open time, open, high, low, close, volume`, as in Binance's bulk kline files.
 * Prices are parsed exactly from their decimal text with `parseFixed` (8 decimals, half away from
 * zero beyond that), never through floats. An empty cell or `null` is a missing value, left to the
 * fill policy of `validateBars`. Rows that cannot be read are all listed in one CsvBarsError, or
 * skipped and reported when `onBadRow` is `skip`.
 */
export type ParseCsvBarsParameters = {
  text: string;
  /** The file name or other label used in messages: `BTCUSDT-1h.csv line 12, column close`. */
  source: string;
  onBadRow?: "reject" | "skip";
};

export type ParseCsvBarsReturnType = {
  bars: RawBar[];
  /** The columns used, e.g. `time=timestamp open=open ... volume=volume`, or `headerless`. */
  layout: string;
  /** Rows skipped under `onBadRow: "skip"`, each with its line, column and reason. */
  skipped: BarProblem[];
};

export type CsvBarsErrorType = CsvBarsError;

export class CsvBarsError extends PodiumError {
  override name = "CsvBarsError";
  readonly source: string;
  readonly problems: readonly BarProblem[];

  constructor(source: string, shortMessage: string, problems: readonly BarProblem[], hint: string) {
    super(shortMessage, problems.length > 0 ? { details: `\n${formatBarProblems(problems)}`, hint } : { hint });
    this.source = source;
    this.problems = problems;
  }
}

const fieldNames = ["time", "open", "high", "low", "close", "volume"] as const;
type Field = (typeof fieldNames)[number];

const aliases: Record<string, Field> = {
  timestamp: "time",
  date: "time",
  time: "time",
  datetime: "time",
  opentime: "time",
  open: "open",
  high: "high",
  low: "low",
  close: "close",
  price: "close",
  volume: "volume",
};

const normalizeHeader = (name: string) => name.toLowerCase().replace(/[\s_]/g, "");

export function parseCsvBars(parameters: ParseCsvBarsParameters): ParseCsvBarsReturnType {
  const { text, source } = parameters;
  const records = parseCsvRecords(text);
  const first = records[0];
  if (first === undefined) {
    throw new CsvBarsError(source, `${source} has no rows.`, [], "Pass a CSV file with a header and at least one bar.");
  }

  // Column index per field; -1 when the layout has no such column.
  const columns: Record<Field, number> = { time: -1, open: -1, high: -1, low: -1, close: -1, volume: -1 };
  let body = records;
  let layout: string;
  /** Column names for messages: the header's own, or the positional names of a headerless file. */
  let names: readonly string[] = first.fields;
  const firstCell = first.fields[0] ?? "";
  if ("time" in parseUtcTime(firstCell)) {
    fieldNames.forEach((field, i) => {
      columns[field] = i;
    });
    layout = "headerless: open time, open, high, low, close, volume";
    names = fieldNames;
  } else {
    first.fields.forEach((name, i) => {
      const field = aliases[normalizeHeader(name)];
      if (field !== undefined && columns[field] === -1) columns[field] = i;
    });
    const ohl = [columns.open, columns.high, columns.low].filter((c) => c >= 0).length;
    const missing: string[] = [];
    if (columns.time < 0) missing.push("a time column (timestamp, date, time, datetime or open time)");
    if (columns.close < 0) missing.push("close (or price)");
    if (ohl !== 0 && ohl !== 3) missing.push("all of open, high and low (or none of them, for a close-only series)");
    if (missing.length > 0) {
      throw new CsvBarsError(
        source,
        `${source} has an unrecognized header "${first.fields.join(",")}": missing ${missing.join("; ")}.`,
        [],
        "Use timestamp,open,high,low,close,volume or Date,Open,High,Low,Close,Adj Close,Volume, or a file without header whose columns are open time, open, high, low, close, volume.",
      );
    }
    body = records.slice(1);
    layout = fieldNames
      .filter((field) => columns[field] >= 0)
      .map((field) => `${field}=${first.fields[columns[field]]}`)
      .join(" ");
  }

  const width = Math.max(...fieldNames.map((field) => columns[field])) + 1;
  const bars: RawBar[] = [];
  const problems: BarProblem[] = [];
  for (const record of body) {
    const origin = `${source} line ${record.line}`;
    const reasons: string[] = [];
    if (record.error !== undefined) reasons.push(record.error);
    else if (record.fields.length < width) {
      reasons.push(`${record.fields.length} column(s), expected at least ${width}`);
    }
    let time = Number.NaN;
    const values: Record<Exclude<Field, "time">, Fixed | null> = {
      open: null,
      high: null,
      low: null,
      close: null,
      volume: null,
    };
    if (reasons.length === 0) {
      const parsedTime = parseUtcTime(record.fields[columns.time] ?? "");
      if ("error" in parsedTime) reasons.push(`column ${names[columns.time]}: ${parsedTime.error}`);
      else time = parsedTime.time;
      for (const field of ["open", "high", "low", "close", "volume"] as const) {
        if (columns[field] < 0) continue;
        const cell = (record.fields[columns[field]] ?? "").trim();
        if (cell === "" || cell.toLowerCase() === "null") continue;
        const value = parseFixed(cell);
        if (value === undefined) {
          reasons.push(`column ${names[columns[field]]}: "${cell}" is not a plain decimal number`);
        } else values[field] = value;
      }
    }
    if (reasons.length > 0) {
      for (const reason of reasons)
        problems.push({ kind: "unparseable-row", action: "dropped", origin, detail: reason });
      continue;
    }
    if (columns.open < 0) {
      values.open = values.close;
      values.high = values.close;
      values.low = values.close;
    }
    if (columns.volume < 0) values.volume = 0n;
    bars.push({ time, ...values, origin });
  }

  if (problems.length > 0 && parameters.onBadRow !== "skip") {
    const rejected = problems.map((p): BarProblem => ({ ...p, action: "rejected" }));
    throw new CsvBarsError(
      source,
      `${new Set(rejected.map((p) => p.origin)).size} unreadable row(s) in ${source}.`,
      rejected,
      'Fix those rows, or pass onBadRow: "skip" to drop them (they are then listed in `skipped`).',
    );
  }
  return { bars, layout, skipped: problems };
}
