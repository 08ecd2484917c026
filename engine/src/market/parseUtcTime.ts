/**
 * Reads a bar timestamp as unix seconds, UTC. Accepted forms:
 * - ISO 8601 date `2024-03-01` (00:00 UTC that day);
 * - ISO 8601 date-time `2024-03-01T13:00:00Z`, with `T` or a space, optional seconds and fraction
 *   (which must be zero: bars open on whole seconds), and a zone `Z` or `±hh:mm`; no zone means UTC;
 * - unix time as an integer: 12 or more digits are milliseconds (exchange klines, must be whole
 *   seconds), 11 or fewer are seconds. The two ranges cannot be confused for dates between
 *   1973-03-03 (10^11 ms) and 5138 (10^11 s).
 * Returns the time, or the reason the text is not a timestamp.
 */
export type ParseUtcTimeReturnType = { time: number } | { error: string };

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export function parseUtcTime(text: string): ParseUtcTimeReturnType {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    if (trimmed.length >= 12) {
      const ms = Number(trimmed);
      if (!Number.isSafeInteger(ms)) return { error: `unix time ${trimmed} is too large` };
      if (ms % 1000 !== 0) return { error: `unix time ${trimmed} ms is not a whole second` };
      return { time: ms / 1000 };
    }
    return { time: Number(trimmed) };
  }
  const match = isoPattern.exec(trimmed);
  if (match === null) {
    return { error: `"${text}" is neither an ISO 8601 UTC date/time nor a unix time in seconds or milliseconds` };
  }
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone = "Z"] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { error: `"${text}" is not a calendar date` };
  }
  if (hour > 23 || minute > 59 || second > 59) return { error: `"${text}" is not a time of day` };
  if (/[1-9]/.test(fraction)) return { error: `"${text}" has a fraction of a second; bars open on whole seconds` };
  let offsetSeconds = 0;
  if (zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    offsetSeconds = sign * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  }
  // Date.UTC is pure calendar arithmetic (no clock is read), identical on every machine.
  return { time: Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offsetSeconds };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate(); // determinism-ok: pure calendar arithmetic
}

/** `2024-03-01T13:00:00Z` for a unix time in seconds: the form every message and record uses. */
export function formatUtcTime(time: number): string {
  // Outside Date's range (or NaN) toISOString throws: messages must never fail, so show the number.
  if (!Number.isFinite(time) || Math.abs(time) > 8.64e12) return String(time);
  return new Date(time * 1000).toISOString().replace(".000Z", "Z"); // determinism-ok: formats a given time
}
