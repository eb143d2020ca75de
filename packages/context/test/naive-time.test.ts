import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { cutoffIso, daysBetween, formatNaiveIso, parseNaiveMs, parseNaiveMsByPattern } from '../src/naive-time.js';

/** The former Date-based conversion (setUTCFullYear keeps years 0..99 as written). */
function dateObjectMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The former Date-based isoformat. */
function formatByDate(ms: number): string {
  const whole = Math.floor(ms);
  const micro = Math.round((ms - whole) * 1000) + (((whole % 1000) + 1000) % 1000) * 1000;
  const d = new Date(whole - (((whole % 1000) + 1000) % 1000));
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return micro === 0 ? base : `${base}.${pad(micro, 6)}`;
}

describe('parseNaiveMs', () => {
  it('parses dates and date-times as naive UTC', () => {
    expect(parseNaiveMs('2026-01-02T12:00:00')).toBe(Date.UTC(2026, 0, 2, 12));
    expect(parseNaiveMs('2026-01-02')).toBe(Date.UTC(2026, 0, 2));
    expect(parseNaiveMs('2026-01-02 12:30')).toBe(Date.UTC(2026, 0, 2, 12, 30));
    expect(parseNaiveMs('2026-01-02T12:00:00.250')).toBe(Date.UTC(2026, 0, 2, 12) + 250);
  });
  it('drops Z and offsets without converting', () => {
    expect(parseNaiveMs('2026-01-02T12:00:00Z')).toBe(Date.UTC(2026, 0, 2, 12));
    expect(parseNaiveMs('2026-01-02T12:00:00+05:00')).toBe(Date.UTC(2026, 0, 2, 12));
    expect(parseNaiveMs('2026-01-02T12:00:00-0300')).toBe(Date.UTC(2026, 0, 2, 12));
  });
  it('rejects malformed and out-of-range values', () => {
    for (const s of ['', 'yesterday', '2026-13-01', '2026-02-30', '2026-01-02T24:00:00', '2026-1-2', '2026-01-02T12:00:61']) {
      expect(parseNaiveMs(s)).toBeNull();
    }
    expect(parseNaiveMs('2024-02-29')).not.toBeNull();
    expect(parseNaiveMs('2023-02-29')).toBeNull();
  });
  it('handles years below 100', () => {
    expect(formatNaiveIso(parseNaiveMs('0050-03-04T05:06:07')!)).toBe('0050-03-04T05:06:07');
  });
});

describe('daysBetween', () => {
  it('floors like timedelta.days', () => {
    const now = Date.UTC(2026, 0, 2, 12);
    expect(daysBetween(now, Date.UTC(2025, 11, 13, 12))).toBe(20);
    expect(daysBetween(now, Date.UTC(2025, 11, 13, 12, 0, 1))).toBe(19);
    expect(daysBetween(now, now + 1)).toBe(-1);
  });
});

describe('cutoffIso', () => {
  it('writes now - N days as Python isoformat', () => {
    const now = parseNaiveMs('2026-01-02T12:00:00Z')!;
    expect(cutoffIso(now, 30)).toBe('2025-12-03T12:00:00');
    expect(cutoffIso(now, 180)).toBe('2025-07-06T12:00:00');
    expect(formatNaiveIso(parseNaiveMs('2026-01-02T12:00:00.5')!)).toBe('2026-01-02T12:00:00.500000');
  });
});

describe('parseNaiveMs fast path (the common forms read without the regular expression)', () => {
  it('property: equals the pattern parser on near-ISO texts, valid or not', () => {
    const field = (max: number, w = 2) => fc.oneof(fc.integer({ min: 0, max }).map((n) => pad(n, w)), fc.constantFrom('', '1', 'ab', '1x', '-1', '١٢'));
    const text = fc
      .tuple(field(9999, 4), fc.constantFrom('-', '/'), field(14), field(33), fc.constantFrom('', 'T', ' ', 'x', 't'), field(25), fc.constantFrom(':', ''), field(61), field(61), fc.constantFrom('', 'Z', 'ZZ', '+05:00', '.5', '.123456Z'))
      .map(([y, sep, mo, d, t, h, colon, mi, se, tail]) => (t === '' ? `${y}${sep}${mo}-${d}${tail}` : `${y}${sep}${mo}-${d}${t}${h}${colon}${mi}:${se}${tail}`));
    fc.assert(
      fc.property(text, (s) => {
        expect(parseNaiveMs(s)).toBe(parseNaiveMsByPattern(s));
      }),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('property: the arithmetic calendar equals the Date object over years 1..9999', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }),
        (y, mo, d, h, mi, s) => {
          const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
          // a day past the month's end rolls the Date over into the next month
          const exists = new Date(dateObjectMs(y, mo, d, 0, 0, 0)).getUTCDate() === d;
          const expected = exists ? dateObjectMs(y, mo, d, h, mi, s) : null;
          expect(parseNaiveMs(text)).toBe(expected);
          expect(parseNaiveMs(`${text}Z`)).toBe(expected);
          if (expected !== null) expect(parseNaiveMs(text.slice(0, 10))).toBe(dateObjectMs(y, mo, d, 0, 0, 0));
        },
      ),
      { seed: 42, numRuns: 3000 },
    );
  });
});

describe('formatNaiveIso arithmetic calendar', () => {
  it('property: equals the Date-based form over years 1..9999, with and without fractions', () => {
    const min = Date.UTC(2000, 0, 1) - 1999 * 365.2425 * 86_400_000;
    const max = Date.UTC(9999, 11, 31, 23, 59, 59);
    const ms = fc.oneof(
      fc.integer({ min: Math.ceil(min / 1000), max: Math.floor(max / 1000) }).map((s) => s * 1000),
      fc.double({ min, max, noNaN: true }),
      fc.integer({ min: -100_000, max: 100_000 }).map((d) => Date.UTC(2024, 1, 29) + d * 86_400_000 + 0.5),
    );
    fc.assert(
      fc.property(ms, (t) => {
        expect(formatNaiveIso(t)).toBe(formatByDate(t));
      }),
      { seed: 42, numRuns: 5000 },
    );
  });
});

describe('parseNaiveMs in a browser bundle (\'#naive-common-form\' without the fast reader)', () => {
  it('gives what Node\'s gives, every date read by the pattern', async () => {
    vi.resetModules();
    vi.doMock('#naive-common-form', () => import('../src/naive-common-form-browser.js'));
    const browser = await import('../src/naive-time.js');
    vi.doUnmock('#naive-common-form');
    expect(browser.parseNaiveMs).not.toBe(parseNaiveMs);
    for (const s of ['2024-02-29', '2023-02-29', '2024-01-02T03:04:05', '2024-01-02 03:04:05Z', '2024-01-02T03:04:05.25+01:00', '2024-13-01', 'x']) {
      expect(browser.parseNaiveMs(s)).toBe(parseNaiveMs(s));
    }
  });
});
