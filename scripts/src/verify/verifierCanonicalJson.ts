/**
 * The verifier's own canonical JSON (docs/commitments.md, "Canonical JSON": RFC 8785 key order, no
 * whitespace, ECMAScript number form) of already parsed JSON, where bigints are already decimal
 * strings. Written here on purpose: the verifier shares no encoding code with the engine.
 */
export function verifierCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(verifierCanonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, the order RFC 8785 asks for.
    const keys = Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${verifierCanonicalJson(object[key])}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`${value} has no JSON form`);
  return JSON.stringify(value);
}
