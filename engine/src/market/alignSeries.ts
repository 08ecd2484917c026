import { PodiumError } from "../errors/podiumError.ts";
import type { Bar } from "./bar.ts";
import { formatUtcTime } from "./parseUtcTime.ts";

/**
 * Puts several assets' bars on one timeline.
 * - `intersection`: only the times at which every asset has a bar (nothing is invented).
 * - `union`: every time at which any asset has a bar, within the range all of them cover (from the
 *   latest first bar to the earliest last bar); an asset without a bar at such a time gets its
 *   previous close, flat, volume 0, `filled: true` (the forward fill of validateBars).
 * Each input series must be sorted with unique times (as validateBars returns it).
 */
export type AlignSeriesParameters = {
  series: readonly { symbol: string; bars: readonly Bar[] }[];
  join: "intersection" | "union";
};

export type AlignSeriesReturnType = {
  times: number[];
  bars: Record<string, Bar[]>;
  /** How many bars were forward-filled per symbol (always 0 for intersection). */
  filled: Record<string, number>;
};

export type AlignSeriesErrorType = AlignSeriesError;

export class AlignSeriesError extends PodiumError {
  override name = "AlignSeriesError";
}

export function alignSeries(parameters: AlignSeriesParameters): AlignSeriesReturnType {
  const { series, join } = parameters;
  if (series.length === 0)
    throw new AlignSeriesError("No series to align.", { hint: "Pass at least one asset's bars." });
  const problems: string[] = [];
  for (const { symbol, bars } of series) {
    if (bars.length === 0) problems.push(`${symbol} has no bars`);
    for (let i = 1; i < bars.length; i++) {
      if ((bars[i] as Bar).time <= (bars[i - 1] as Bar).time) {
        problems.push(
          `${symbol} is not sorted with unique times at index ${i} (${formatUtcTime((bars[i] as Bar).time)})`,
        );
        break;
      }
    }
  }
  if (problems.length > 0) {
    throw new AlignSeriesError(`Cannot align: ${problems.join("; ")}.`, {
      hint: "Pass each series through validateBars first: it sorts, removes duplicates and reports empty series.",
    });
  }

  const start = Math.max(...series.map(({ bars }) => (bars[0] as Bar).time));
  const end = Math.min(...series.map(({ bars }) => (bars[bars.length - 1] as Bar).time));
  const timeSet = new Map<number, number>();
  for (const { bars } of series) {
    for (const bar of bars) {
      if (bar.time >= start && bar.time <= end) timeSet.set(bar.time, (timeSet.get(bar.time) ?? 0) + 1);
    }
  }
  const times = [...timeSet.entries()]
    .filter(([, count]) => join === "union" || count === series.length)
    .map(([time]) => time)
    .sort((a, b) => a - b);
  if (times.length === 0) {
    const ranges = series.map(
      ({ symbol, bars }) =>
        `${symbol} ${formatUtcTime((bars[0] as Bar).time)}..${formatUtcTime((bars[bars.length - 1] as Bar).time)}`,
    );
    throw new AlignSeriesError(`The series have no time in common (${join}).`, {
      details: ranges.join("; "),
      hint: 'Choose series that overlap in time, or join "union" to forward-fill where one asset has no bar.',
    });
  }

  const bars: Record<string, Bar[]> = {};
  const filled: Record<string, number> = {};
  for (const { symbol, bars: input } of series) {
    const out: Bar[] = [];
    let fills = 0;
    let next = 0; // index of the first input bar not yet consumed
    let previous: Bar | undefined;
    for (const time of times) {
      while (next < input.length && (input[next] as Bar).time < time) previous = input[next++];
      const bar = input[next];
      if (bar !== undefined && bar.time === time) {
        out.push(bar);
        previous = bar;
        next++;
      } else {
        // Union only: the range starts at every series' first bar or later, so `previous` exists.
        const c = (previous as Bar).close;
        out.push({ time, open: c, high: c, low: c, close: c, volume: 0n, filled: true });
        fills++;
      }
    }
    bars[symbol] = out;
    filled[symbol] = fills;
  }
  return { times, bars, filled };
}
