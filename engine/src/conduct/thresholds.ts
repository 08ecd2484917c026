/**
 * Declared thresholds for conduct rules: each rule lists its numbers with a range and a default,
 * and a season's config is read against that list so that every problem is reported at once.
 */

export type ThresholdSpec =
  | { kind: "integer"; min: number; max: number; description: string }
  | { kind: "number"; min: number; max: number; description: string }
  | { kind: "choice"; options: readonly string[]; description: string };

export type ThresholdValues = { readonly [key: string]: number | string };

export type ThresholdSpecs<TThresholds extends ThresholdValues> = { readonly [K in keyof TThresholds]: ThresholdSpec };

export type ResolveThresholdsReturnType<TThresholds> = { thresholds: TThresholds; problems: string[] };

/**
 * Reads `input` (a plain object, possibly from JSON) over `defaults`. Unknown keys, wrong types and
 * out-of-range values are problems, each naming `path.key`; `allowedExtraKeys` are skipped (e.g.
 * the rule's `action`, read by the policy).
 */
export function resolveThresholds<TThresholds extends ThresholdValues>(
  input: unknown,
  defaults: TThresholds,
  specs: ThresholdSpecs<TThresholds>,
  path: string,
  allowedExtraKeys: readonly string[] = [],
): ResolveThresholdsReturnType<TThresholds> {
  const problems: string[] = [];
  if (input === undefined) return { thresholds: defaults, problems };
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { thresholds: defaults, problems: [`${path}: expected an object of thresholds, got ${describe(input)}`] };
  }
  const resolved: Record<string, number | string> = { ...defaults };
  for (const [key, value] of Object.entries(input)) {
    if (allowedExtraKeys.includes(key)) continue;
    const spec = (specs as Readonly<Record<string, ThresholdSpec>>)[key];
    if (spec === undefined) {
      problems.push(`${path}.${key}: unknown threshold (known: ${Object.keys(specs).join(", ")})`);
      continue;
    }
    if (value === undefined) continue;
    const problem = checkValue(value, spec);
    if (problem === undefined) resolved[key] = value as number | string;
    else problems.push(`${path}.${key}: ${problem} (${spec.description})`);
  }
  return { thresholds: resolved as TThresholds, problems };
}

function checkValue(value: unknown, spec: ThresholdSpec): string | undefined {
  if (spec.kind === "choice") {
    return typeof value === "string" && spec.options.includes(value)
      ? undefined
      : `expected one of ${spec.options.map((o) => `"${o}"`).join(", ")}, got ${describe(value)}`;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) return `expected a finite number, got ${describe(value)}`;
  if (spec.kind === "integer" && !Number.isInteger(value)) return `expected an integer, got ${value}`;
  if (value < spec.min || value > spec.max) return `expected a value in [${spec.min}, ${spec.max}], got ${value}`;
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

/** A ratio such as 1.8 as integer basis points (18,000), for exact bigint comparisons. */
export function ratioToBps(ratio: number): bigint {
  return BigInt(Math.round(ratio * 10_000));
}
