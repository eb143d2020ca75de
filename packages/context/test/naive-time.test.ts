import { describe, expect, it } from 'vitest';
import { cutoffIso, daysBetween, formatNaiveIso, parseNaiveMs } from '../src/naive-time.js';

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
