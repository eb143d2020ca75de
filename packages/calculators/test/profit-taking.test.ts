import { COMPAT_DEFAULTS } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profitTaking } from '../src/profit-taking.js';
import { arbContext, expectWellFormed, makeContext, pos, sec } from './fixtures.js';

const defaults = profitTaking.params.parse({});
const run = (ctx: ReturnType<typeof makeContext>, over: Partial<typeof defaults> = {}) =>
  profitTaking.calculate(ctx, { ...defaults, ...over });

/** One position bought a year before asOf-less default (1 year), CAGR as given. */
function single(current: number, over: { cagr?: number; quantity?: number; avg?: number; firstBoughtAt?: string } = {}) {
  return makeContext({
    securities: [sec('AAA', { price: current, metrics: { cagr5y: over.cagr ?? 0 } })],
    positions: [pos('AAA', over.quantity ?? 100, over.avg ?? 100, over.firstBoughtAt ? { firstBoughtAt: over.firstBoughtAt } : {})],
  });
}

describe('profit_taking', () => {
  it('has the monolith-equivalent defaults', () => {
    expect(defaults).toEqual({ windfallThreshold: 0.3, priorityWeight: 1.0, applyWindfallThreshold: false });
    expect(profitTaking.name).toBe('profit_taking');
    expect(profitTaking.category).toBe('profit_taking');
  });

  it('rejects out-of-range params', () => {
    expect(() => profitTaking.params.parse({ windfallThreshold: 2.5 })).toThrow();
    expect(() => profitTaking.params.parse({ priorityWeight: -0.1 })).toThrow();
  });

  it('reproduces the spec worked examples (§4)', () => {
    const ctx = makeContext({
      fxRates: { USD: 1.1 },
      securities: [
        sec('AAA', { price: 120, metrics: { cagr5y: 0.1 } }),
        sec('BBB', { price: 140, currency: 'USD', priorityMultiplier: 2.0 }),
        sec('CCC', { price: 140, currency: 'USD', priorityMultiplier: 2.0 }),
        sec('DDD', { price: 120 }),
        sec('EEE', { price: 120 }),
      ],
      positions: [pos('AAA', 100, 50), pos('BBB', 10, 100), pos('CCC', 3, 100), pos('DDD', 10, 100), pos('EEE', 100, 50)],
      ineligible: ['EEE'],
    });
    const out = run(ctx);
    expect(out).toEqual([
      {
        side: 'SELL', symbol: 'AAA', name: 'AAA Inc', quantity: 50, price: 120, valueEur: 6000, currency: 'EUR',
        priority: 1.5, reason: 'Windfall doubler: 140% gain with 130% excess', tags: ['windfall', 'profit_taking'],
      },
      {
        side: 'SELL', symbol: 'BBB', name: 'BBB Inc', quantity: 2, price: 140, valueEur: 280 / 1.1, currency: 'USD',
        priority: 0.55, reason: 'Medium windfall: 30% above expected growth', tags: ['windfall', 'profit_taking'],
      },
      {
        side: 'SELL', symbol: 'CCC', name: 'CCC Inc', quantity: 0, price: 140, valueEur: 0, currency: 'USD',
        priority: 0.55, reason: 'Medium windfall: 30% above expected growth', tags: ['windfall', 'profit_taking'],
      },
    ]);
    expect(Object.keys(out[0] ?? {})).toEqual(['side', 'symbol', 'name', 'quantity', 'price', 'valueEur', 'currency', 'priority', 'reason', 'tags']);
  });

  it('medium windfall starts at exactly 25% excess', () => {
    expect(run(single(124.99))).toEqual([]);
    const [c] = run(single(125));
    expect(c?.reason).toBe('Medium windfall: 25% above expected growth');
    expect(c?.quantity).toBe(20);
    expect(c?.priority).toBe(1.0); // score 0.5 + 0.5
  });

  it('high windfall starts at exactly 50% excess, doubler at 100% gain', () => {
    expect(run(single(149.99))[0]?.reason).toBe('Medium windfall: 50% above expected growth');
    const high = run(single(150))[0];
    expect(high?.reason).toBe('High windfall: 50% above expected growth');
    expect(high?.quantity).toBe(40);
    expect(run(single(199.99))[0]?.reason).toBe('High windfall: 100% above expected growth');
    const dbl = run(single(200))[0];
    expect(dbl?.reason).toBe('Windfall doubler: 100% gain with 100% excess');
    expect(dbl?.quantity).toBe(50);
  });

  it('a doubler with little excess is a consistent doubler selling 30%', () => {
    const [c] = run(single(200, { cagr: 0.8 }));
    expect(c?.reason).toBe('Consistent doubler: 100% gain, taking 30%');
    expect(c?.quantity).toBe(30);
    expect(c?.priority).toBe(0.9); // excess 0.2 -> score 0.4
  });

  it('uses years held from firstBoughtAt against asOf', () => {
    // gain 0.61, CAGR 0.1: one year -> excess 0.51 (high); 731 days -> 0.61 - (1.1^2.0027 - 1) = 0.3997 (medium).
    const oneYear = single(161, { cagr: 0.1 });
    expect(run(oneYear)[0]?.reason).toBe('High windfall: 51% above expected growth');
    const twoYears = single(161, { cagr: 0.1, firstBoughtAt: '2023-01-01T00:00:00Z' });
    expect(run(twoYears)[0]?.reason).toBe('Medium windfall: 40% above expected growth');
    const unparseable = single(161, { cagr: 0.1, firstBoughtAt: 'yesterday' });
    expect(run(unparseable)[0]?.reason).toBe('High windfall: 51% above expected growth');
    // bought a day ago: years floor at 0.1, expected 1.1^0.1 - 1 = 0.0096
    const fresh = single(161, { cagr: 0.1, firstBoughtAt: '2024-12-31' });
    expect(run(fresh)[0]?.reason).toBe('High windfall: 60% above expected growth');
  });

  it('decides with the CAGR rounded to 4 places (reference quirk)', () => {
    // unrounded: excess 0.35 - 0.09996 = 0.25004 would sell; rounded CAGR 0.1 gives 0.2499999... -> no sale.
    expect(run(single(135, { cagr: 0.09996 }))).toEqual([]);
  });

  it('falls back to the average price when the mark price is 0', () => {
    const base = makeContext({ securities: [sec('AAA', { price: 100, metrics: { cagr5y: -0.3 } })], positions: [pos('AAA', 10, 100)] });
    const view = { ...base.positions[0]!, markPrice: 0, marketValueEur: 1000 };
    const ctx = { ...base, positions: [view], positionsBySymbol: new Map([['AAA', view]]) };
    // gain 0 against an expected -30%: excess 0.3 -> medium windfall, priced at the average
    expect(run(ctx)).toMatchObject([{ price: 100, quantity: 2, valueEur: 200, reason: 'Medium windfall: 30% above expected growth' }]);
    const noValue = makeContext({ securities: [sec('AAA', { price: 0 })], positions: [pos('AAA', 10, 100)] });
    expect(run(noValue)).toEqual([]);
  });

  it('skips unsellable, unknown, cooled-down and ineligible positions, and weight-based mode', () => {
    const secs = [sec('A', { price: 200 }), sec('B', { price: 200, allowSell: false }), sec('C', { price: 200 }), sec('D', { price: 200 })];
    const positions = [pos('A', 10, 100), pos('B', 10, 100), pos('C', 10, 100), pos('D', 10, 100), pos('X', 10, 100)];
    const ctx = makeContext({ securities: secs, positions, recentlySold: ['C'], ineligible: ['D'] });
    expect(run(ctx).map((c) => c.symbol)).toEqual(['A']);
    expect(run(makeContext({ securities: secs, positions, targetWeights: { A: 0.5 } }))).toEqual([]);
    expect(run(makeContext({ securities: [], positions: [] }))).toEqual([]);
  });

  it('divides by the priority multiplier, applies priorityWeight, keeps ties in input order', () => {
    const ctx = makeContext({
      securities: [sec('A', { price: 125, metrics: { cagr5y: 0 } }), sec('B', { price: 200 }), sec('C', { price: 125, metrics: { cagr5y: 0 } }), sec('D', { price: 200, priorityMultiplier: 4 })],
      positions: [pos('A', 10, 100), pos('B', 10, 100), pos('C', 10, 100), pos('D', 10, 100)],
    });
    expect(run(ctx).map((c) => [c.symbol, c.priority])).toEqual([['B', 1.5], ['A', 1.0], ['C', 1.0], ['D', 0.375]]);
    expect(run(ctx, { priorityWeight: 1.2 })[0]?.priority).toBe(1.5 * 1.2);
  });

  it('does not round sells to lots', () => {
    const ctx = makeContext({ securities: [sec('A', { price: 200, minLot: 100 })], positions: [pos('A', 150, 100)] });
    expect(run(ctx)[0]?.quantity).toBe(75);
  });

  it('opt-in: windfallThreshold replaces the medium cut-off', () => {
    expect(run(single(127))).toHaveLength(1);
    expect(run(single(127), { applyWindfallThreshold: true })).toEqual([]);
    expect(run(single(131), { applyWindfallThreshold: true })[0]?.reason).toBe('Medium windfall: 31% above expected growth');
  });

  it('compat.zero_share_sells: the reference proposes a 0-share sell; switched off it is dropped', () => {
    expect(run(single(130, { quantity: 3 }))[0]?.quantity).toBe(0);
    const ctx = single(130, { quantity: 3 });
    expect(run({ ...ctx, compat: { ...COMPAT_DEFAULTS, zeroShareSells: false } })).toEqual([]);
  });

  it('compat.trades_break_board_lot switched off: the sell is rounded down to whole lots', () => {
    const ctx = makeContext({ securities: [sec('A', { price: 200, minLot: 100 })], positions: [pos('A', 250, 100)] });
    expect(run(ctx)[0]?.quantity).toBe(125);
    const executable = { ...ctx, compat: { ...COMPAT_DEFAULTS, tradesBreakBoardLot: false, zeroShareSells: false } };
    expect(run(executable)[0]?.quantity).toBe(100);
    const small = makeContext({ securities: [sec('A', { price: 200, minLot: 100 })], positions: [pos('A', 150, 100)] });
    expect(run({ ...small, compat: executable.compat })).toEqual([]);
  });

  it('property: sorted, whole non-negative quantities, finite numbers, only sells of held symbols', () => {
    fc.assert(
      fc.property(arbContext(), (ctx) => {
        const out = run(ctx);
        expectWellFormed(out, { side: 'SELL', allowZero: true });
        for (const c of out) expect(ctx.positionsBySymbol.has(c.symbol)).toBe(true);
        if (ctx.weightBasedMode) expect(out).toEqual([]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
