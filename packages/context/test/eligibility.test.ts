import { describe, expect, it } from 'vitest';
import { computeIneligibleSymbols } from '../src/eligibility.js';
import { parseNaiveMs } from '../src/naive-time.js';
import { collectTradeDates, symbolsTradedWithin } from '../src/trade-dates.js';
import { position, security } from './fixtures.js';

const asOf = parseNaiveMs('2026-01-02T12:00:00Z')!;
const settings = { minHoldDays: 90, sellCooldownDays: 180, maxLossThreshold: -0.2 };
const secs = new Map(['A', 'B', 'C', 'D', 'E'].map((s) => [s, security(s)]));

describe('collectTradeDates', () => {
  it('keeps the latest string per side and overall, whatever the order of the trades (reference MAX(executed_at) over text)', () => {
    const dates = collectTradeDates([
      { symbol: 'A', side: 'BUY', at: '2025-06-01T00:00:00' },
      { symbol: 'A', side: 'SELL', at: '2025-09-01T00:00:00' },
      { symbol: 'A', side: 'BUY', at: '2025-03-01T00:00:00' },
      { symbol: 'A', side: 'SELL', at: '2025-02-01T00:00:00' },
    ]);
    expect(dates.get('A')).toEqual({ lastBuy: '2025-06-01T00:00:00', lastSell: '2025-09-01T00:00:00', last: '2025-09-01T00:00:00' });
  });
});

describe('computeIneligibleSymbols', () => {
  it('blocks positions traded within the larger of hold and cooldown, keeps those without history', () => {
    const dates = collectTradeDates([
      { symbol: 'A', side: 'BUY', at: '2025-12-13T12:00:00' },
      { symbol: 'B', side: 'SELL', at: '2025-07-06T12:00:00' }, // exactly 180 days
      { symbol: 'C', side: 'BUY', at: '2025-07-06T12:00:01' }, // 179 days
    ]);
    const positions = ['A', 'B', 'C', 'D'].map((s) => position(s, 10, 10));
    expect([...computeIneligibleSymbols(positions, secs, dates, settings, asOf)]).toEqual(['A', 'C']);
  });

  it('blocks a big loser with history, even when traded long ago', () => {
    const dates = collectTradeDates([{ symbol: 'A', side: 'BUY', at: '2020-01-01T00:00:00' }, { symbol: 'B', side: 'BUY', at: '2020-01-01T00:00:00' }]);
    const positions = [position('A', 10, 100, { markPrice: 79 }), position('B', 10, 100, { markPrice: 80 })];
    expect([...computeIneligibleSymbols(positions, secs, dates, settings, asOf)]).toEqual(['A']);
  });

  it('skips unsellable or unknown securities and unparseable dates; a zero mark price falls back to avg', () => {
    const dates = collectTradeDates([
      { symbol: 'A', side: 'BUY', at: 'garbage' },
      { symbol: 'B', side: 'BUY', at: '2025-12-31T00:00:00' },
      { symbol: 'Z', side: 'BUY', at: '2025-12-31T00:00:00' },
      { symbol: 'E', side: 'BUY', at: '2020-01-01T00:00:00' },
    ]);
    const s = new Map(secs);
    s.set('B', security('B', { allowSell: false }));
    const positions = [position('A', 1, 10), position('B', 1, 10), position('Z', 1, 10), position('E', 1, 10, { markPrice: 0 })];
    expect(computeIneligibleSymbols(positions, s, dates, settings, asOf).size).toBe(0);
  });
});

describe('trade dates and cooldown sets', () => {
  const trades = [
    { symbol: 'A', side: 'BUY' as const, at: '2025-12-03T12:00:00' },
    { symbol: 'A', side: 'SELL' as const, at: '2025-01-01T00:00:00' },
    { symbol: 'B', side: 'BUY' as const, at: '2025-12-03T11:59:59' },
    { symbol: 'C', side: 'SELL' as const, at: '2025-12-20T00:00:00' },
  ];
  it('keeps the lexicographically latest strings per side', () => {
    const d = collectTradeDates(trades);
    expect(d.get('A')).toEqual({ lastBuy: '2025-12-03T12:00:00', lastSell: '2025-01-01T00:00:00', last: '2025-12-03T12:00:00' });
    expect([...d.keys()]).toEqual(['A', 'B', 'C']);
  });
  it('compares trade strings against the isoformat cutoff (>=)', () => {
    expect([...symbolsTradedWithin(trades, 'BUY', asOf, 30)]).toEqual(['A']);
    expect([...symbolsTradedWithin(trades, 'SELL', asOf, 180)]).toEqual(['C']);
    expect([...symbolsTradedWithin(trades, 'SELL', asOf, 400)]).toEqual(['A', 'C']);
  });
});
