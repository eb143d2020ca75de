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
  const fast = parseCommonForm(text);
  return fast !== undefined ? fast : parseNaiveMsByPattern(text);
}

/** The general parser behind `parseNaiveMs` (exported for the test that the fast path agrees with it). */
export function parseNaiveMsByPattern(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = validMs(Number(m[1]), Number(m[2]), Number(m[3]), hour, minute, second);
  if (ms === null) return null;
  const frac = m[7] === undefined ? 0 : Number(`0.${m[7].slice(0, 6)}`) * 1000;
  return ms + frac;
}

const CHAR_0 = 48;

/** The number written by `count` ASCII digits at `start`, or -1 if one is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - CHAR_0;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The forms snapshots use, read without the regular expression:
 * `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SS` (T or space), optionally ending in
 * `Z`. `undefined` for any other text (the pattern decides then).
 */
function parseCommonForm(text: string): number | null | undefined {
  const len = text.length;
  const zoned = len > 0 && text.charCodeAt(len - 1) === 90; // 'Z'
  const bare = zoned ? len - 1 : len;
  if (bare !== 10 && bare !== 19) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined; // '-'
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  if (bare === 10) return validMs(year, month, day, 0, 0, 0);
  const sep = text.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined; // 'T' ' ' ':'
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (hour < 0 || minute < 0 || second < 0) return undefined;
  return validMs(year, month, day, hour, minute, second);
}

function validMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number | null {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, years 0..9999
 * (H. Hinnant's `days_from_civil`); plain arithmetic, where a Date object
 * cost a third of a microsecond and maps years 0..99 to 1900..1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Python `(later - earlier).days`: whole days, floored (negative differences round down). */
export function daysBetween(laterMs: number, earlierMs: number): number {
  return Math.floor((laterMs - earlierMs) / DAY_MS);
}

/** Python `datetime.isoformat()` of a naive time: `YYYY-MM-DDTHH:MM:SS[.ffffff]`. */
export function formatNaiveIso(ms: number): string {
  const whole = Math.floor(ms);
  const subMs = ((whole % 1000) + 1000) % 1000;
  const micro = Math.round((ms - whole) * 1000) + subMs * 1000;
  const seconds = (whole - subMs) / 1000;
  const days = Math.floor(seconds / 86_400);
  const ofDay = seconds - days * 86_400;
  const base = `${civilDate(days)}T${pad2(Math.floor(ofDay / 3600))}:${pad2(Math.floor(ofDay / 60) % 60)}:${pad2(ofDay % 60)}`;
  return micro === 0 ? base : `${base}.${String(micro).padStart(6, '0')}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * `YYYY-MM-DD` of a day count since 1970-01-01 (H. Hinnant's
 * `civil_from_days`, the inverse of `daysFromCivil`), where a Date object
 * and its getters cost about a microsecond. The year is padded to four digits
 * like Python (years outside 1..9999 only as the former Date-based form did).
 */
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** `(now - timedelta(days)).isoformat()`: the cutoff the reference compares trade strings against. */
export function cutoffIso(nowMs: number, days: number): string {
  return formatNaiveIso(nowMs - days * DAY_MS);
}
