/** The first path where two parsed JSON values differ (depth first, keys in sorted order), or undefined. */
export function firstDifference(
  expected: unknown,
  found: unknown,
  path = "",
): { path: string; expected: string; found: string } | undefined {
  if (Array.isArray(expected) && Array.isArray(found)) {
    for (let index = 0; index < Math.max(expected.length, found.length); index++) {
      if (index >= expected.length || index >= found.length) {
        return {
          path: `${path}.length`,
          expected: String(expected.length),
          found: String(found.length),
        };
      }
      const difference = firstDifference(expected[index], found[index], `${path}[${index}]`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (isObject(expected) && isObject(found)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(found)])].sort();
    for (const key of keys) {
      const difference = firstDifference(expected[key], found[key], path === "" ? key : `${path}.${key}`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (Object.is(expected, found)) return undefined;
  return { path: path === "" ? "(value)" : path, expected: show(expected), found: show(found) };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const show = (value: unknown): string => (value === undefined ? "(absent)" : JSON.stringify(value));
