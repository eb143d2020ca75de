// The reference strips time zones without converting (`safe_parse_datetime_string`)
// and compares naive datetimes; times here are "naive UTC" epoch milliseconds.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?(?:Z|[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d{1,6})?)?)?)?$/;
const DAY_MS = 86_400_000;

/**
 * ISO date or date-time -> naive epoch ms (fractional below 1 ms when
 * microseconds are given). The offset or `Z` is dropped, not applied. `null`
 * when unparseable or out of range.
 */
export function parseNaiveMs(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const ms = utcMs(year, month, day, hour, minute, second);
  const frac = m[7] === undefined ? 0 : Number(`0.${m[7].slice(0, 6)}`) * 1000;
  return ms + frac;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not.
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/** Python `(later - earlier).days`: whole days, floored (negative differences round down). */
export function daysBetween(laterMs: number, earlierMs: number): number {
  return Math.floor((laterMs - earlierMs) / DAY_MS);
}

/** Python `datetime.isoformat()` of a naive time: `YYYY-MM-DDTHH:MM:SS[.ffffff]`. */
export function formatNaiveIso(ms: number): string {
  const whole = Math.floor(ms);
  const micro = Math.round((ms - whole) * 1000) + (((whole % 1000) + 1000) % 1000) * 1000;
  const d = new Date(whole - (((whole % 1000) + 1000) % 1000));
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return micro === 0 ? base : `${base}.${pad(micro, 6)}`;
}

/** `(now - timedelta(days)).isoformat()`: the cutoff the reference compares trade strings against. */
export function cutoffIso(nowMs: number, days: number): string {
  return formatNaiveIso(nowMs - days * DAY_MS);
}
