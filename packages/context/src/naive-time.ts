// The reference strips time zones without converting (`safe_parse_datetime_string`)
// and compares naive datetimes; times here are "naive UTC" epoch milliseconds.

import { parseCommonForm } from '#naive-common-form';
import { DAY_MS, validMs } from './naive-civil.js';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?(?:Z|[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d{1,6})?)?)?)?$/;

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
