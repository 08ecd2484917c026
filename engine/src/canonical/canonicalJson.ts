import { PodiumError } from "../errors/podiumError.ts";

/**
 * Canonical JSON: the byte-exact serialization of every artifact the engine produces.
 * RFC 8785 (JCS) rules: object keys sorted by UTF-16 code units, no whitespace, numbers in
 * ECMAScript shortest form. Podium's additions: bigint values become decimal strings (money is
 * fixed-point bigint), and undefined, NaN, ±Infinity, functions and symbols are errors rather
 * than silently dropped, so that two machines can never disagree about what was written.
 */

export type CanonicalValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue | undefined };

export type CanonicalJsonErrorType = CanonicalJsonError;

export class CanonicalJsonError extends PodiumError {
  override name = "CanonicalJsonError";
  /** Where in the value the problem is, e.g. `$.rounds[3].price`. */
  readonly path: string;

  constructor(path: string, reason: string) {
    super(`Cannot write canonical JSON: ${reason} at ${path}.`, {
      hint: "Artifacts may only hold null, booleans, finite numbers, bigints, strings, arrays and plain objects.",
    });
    this.path = path;
  }
}

export function canonicalJson(value: unknown): string {
  return write(value, "$");
}

function write(value: unknown, path: string): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return `"${value.toString()}"`;
    case "number":
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a finite number`);
      return Object.is(value, -0) ? "0" : JSON.stringify(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) return `[${value.map((item, i) => write(item, `${path}[${i}]`)).join(",")}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalJsonError(path, `a ${proto?.constructor?.name ?? "non-plain"} object`);
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, `${path}.${k}`)}`).join(",")}}`;
    }
    default:
      throw new CanonicalJsonError(path, `a value of type ${typeof value}`);
  }
}
