import type { Metric, MetricValue } from "./metric.ts";
import { mean } from "./sampleStatistics.ts";

export type AverageExposureParameters = { readonly exposure: readonly number[] };

/** Average gross exposure: mean over the samples of Σ|position notional| / equity (1 = fully invested, 3 = 3x). */
export function averageExposure({ exposure }: AverageExposureParameters): MetricValue {
  if (exposure.length === 0) return null;
  return mean(exposure);
}

export const averageExposureMetric: Metric = {
  id: "averageExposure",
  description: "Mean gross exposure (sum of |position notional| / equity) over the sampled marks.",
  better: "lower",
  edgeCases: "null with no exposure sample; 0 for an entrant that never held a position.",
  compute: averageExposure,
};
