import { utcMinuteText } from "../conduct/activityHours.ts";
import { PodiumError } from "../errors/podiumError.ts";
import type { Bar } from "../market/bar.ts";
import type { Dataset } from "../market/dataset.ts";

export type DatasetWindowParameters = {
  dataset: Dataset;
  /** Unix seconds: the first bar at or after this time starts the window; default the first bar. */
  from?: number;
  /** Number of bars (rounds); default every bar from `from` on. */
  rounds?: number;
};

export type DatasetWindowErrorType = DatasetWindowError;

export class DatasetWindowError extends PodiumError {
  override name = "DatasetWindowError";
}

/**
 * The part of a dataset a season runs on: `rounds` bars from the first at or after `from`. The id
 * names the window (`<id>@<from>+<rounds>`) since the content, and so the content hash, differs.
 */
export function datasetWindow({ dataset, from, rounds }: DatasetWindowParameters): Dataset {
  const first = from === undefined ? 0 : dataset.times.findIndex((time) => time >= from);
  if (first < 0)
    throw new DatasetWindowError(`Dataset "${dataset.id}" has no bar at or after ${utcMinuteText(from ?? 0)}.`, {
      hint: "Start the window inside the dataset's range.",
    });
  const available = dataset.times.length - first;
  const count = rounds ?? available;
  if (!Number.isInteger(count) || count < 1)
    throw new DatasetWindowError(`A window needs a positive whole number of rounds, got ${count}.`);
  if (count > available)
    throw new DatasetWindowError(
      `Dataset "${dataset.id}" has ${available} bars from the window's start, fewer than the ${count} asked for.`,
      {
        hint: "Ask for fewer rounds, start earlier, or use a longer dataset.",
      },
    );
  if (first === 0 && count === dataset.times.length) return dataset;
  const bars: Record<string, readonly Bar[]> = {};
  for (const [symbol, series] of Object.entries(dataset.bars)) bars[symbol] = series.slice(first, first + count);
  return {
    ...dataset,
    id: `${dataset.id}@${dataset.times[first]}+${count}`,
    times: dataset.times.slice(first, first + count),
    bars,
  };
}
