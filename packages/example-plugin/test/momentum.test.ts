import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examplePlugin, momentum, momentumFirst, momentumStrength } from '../src/index.js';
import { context, security } from './fixtures.js';

const defaults = momentum.params.parse({});
const run = (ctx: Parameters<typeof momentum.calculate>[0], params: Record<string, unknown> = {}) =>
  momentum.calculate(ctx, momentum.params.parse(params));

describe('momentum params', () => {
  it('{} parses to the documented defaults', () => {
    expect(defaults).toEqual({ minCagr: 0.12, minSharpe: 1.0, priorityWeight: 1.0 });
    expect(defaults.targetValueEur).toBeUndefined();
  });

  it('rejects a non-positive target and a weight above 2', () => {
    expect(momentum.params.safeParse({ targetValueEur: 0 }).success).toBe(false);
    expect(momentum.params.safeParse({ priorityWeight: 2.5 }).success).toBe(false);
  });
});

describe('momentum', () => {
  it('is a calculator routed to opportunity_buys, exported with the pattern', () => {
    expect(momentum.kind).toBe('calculator');
    expect(momentum.name).toBe('momentum');
    expect(momentum.category).toBe('opportunity_buys');
    expect(examplePlugin).toEqual([momentum, momentumFirst]);
  });

  it('buys a strong security with a lot-rounded quantity, a plain reason and the momentum tag', () => {
    const ctx = context({ securities: [security('ABC', { price: 40, metrics: { cagr5y: 0.18, sharpe: 1.45 } })] });
    const [c, ...rest] = run(ctx, { targetValueEur: 500 });
    expect(rest).toEqual([]);
    expect(c).toEqual({
      side: 'BUY', symbol: 'ABC', name: 'ABC Corp', quantity: 12, price: 40, valueEur: 480, currency: 'EUR',
      priority: expect.closeTo(0.7625, 12),
      reason: 'Strong momentum: grew 18.0% a year over 5 years with a Sharpe ratio of 1.45',
      tags: ['momentum'],
    });
  });

  it('declares its order and tells only its own buys', () => {
    expect(momentum.order).toBe(350);
    expect(momentumFirst.order).toBe(150);
    expect(momentumFirst.needs).toEqual(['momentum']);
    const ctx = context({ securities: [security('ABC', { price: 40, metrics: { cagr5y: 0.18, sharpe: 1.45 } })] });
    const [c] = run(ctx, { targetValueEur: 500 });
    expect(momentum.narrate?.(c!)?.parts).toEqual([
      'Strong momentum: grew 18.0% a year over 5 years with a Sharpe ratio of 1.45.',
      'Securities that have compounded strongly with steady returns often keep doing so for a while.',
    ]);
    expect(momentum.narrate?.({ ...c!, tags: ['opportunity'] })).toBeUndefined();
  });

  it('CAGR threshold: just below is out, exactly at and just above are in', () => {
    const at = (cagr5y: number) => run(context({ securities: [security('A', { metrics: { cagr5y, sharpe: 2 } })] })).length;
    expect(at(0.1199)).toBe(0);
    expect(at(0.12)).toBe(1);
    expect(at(0.1201)).toBe(1);
  });

  it('Sharpe threshold: just below is out, exactly at and just above are in', () => {
    const at = (sharpe: number) => run(context({ securities: [security('A', { metrics: { cagr5y: 0.3, sharpe } })] }), { minSharpe: 0.8 }).length;
    expect(at(0.7999)).toBe(0);
    expect(at(0.8)).toBe(1);
    expect(at(0.8001)).toBe(1);
  });

  it('a missing CAGR or Sharpe is not momentum (the 10-year CAGR does not stand in)', () => {
    const ctx = context({
      securities: [
        security('NOCAGR', { metrics: { cagr5y: undefined, cagr10y: 0.3, sharpe: 2 } }),
        security('NOSHARPE', { metrics: { cagr5y: 0.3, sharpe: undefined } }),
        security('NAN', { metrics: { cagr5y: Number.NaN, sharpe: 2 } }),
      ],
    });
    expect(run(ctx)).toEqual([]);
  });

  it('skips a security without a positive price, one not allowed to buy, and one in the buy cooldown', () => {
    const ctx = context({
      securities: [
        security('NOPRICE', { price: 0 }),
        security('BLOCKED', { allowBuy: false }),
        security('COOLDOWN'),
        security('OK'),
      ],
      recentlyBought: ['COOLDOWN'],
    });
    expect(run(ctx).map((c) => c.symbol)).toEqual(['OK']);
  });

  it('returns nothing when [planner] allow_buy is false', () => {
    expect(run(context({ securities: [security('OK')], allowBuy: false }))).toEqual([]);
  });

  it('rounds down to whole lots, and buys one lot when a lot costs more than the target', () => {
    const ctx = context({
      securities: [security('LOT10', { price: 7, minLot: 10 }), security('BIGLOT', { price: 30, minLot: 100 })],
    });
    const bySymbol = new Map(run(ctx, { targetValueEur: 250 }).map((c) => [c.symbol, c]));
    // 250 / (10 x 7) = 3.57 lots -> 3 lots
    expect(bySymbol.get('LOT10')).toMatchObject({ quantity: 30, valueEur: 210 });
    // one lot is 3000 EUR, above the target: one lot, as the standard buy calculators do
    expect(bySymbol.get('BIGLOT')).toMatchObject({ quantity: 100, valueEur: 3000 });
  });

  it('sizes in the trading currency and reports the value in EUR', () => {
    const ctx = context({ securities: [security('US', { currency: 'USD', price: 104 })], fx: { USD: 1.04 } });
    // 500 EUR = 520 USD = 5 shares of 104 USD = 500 EUR
    expect(run(ctx, { targetValueEur: 500 })[0]).toMatchObject({ quantity: 5, currency: 'USD', valueEur: 500 });
  });

  it("defaults the target to the context's minimum worthwhile trade", () => {
    const ctx = context({ securities: [security('A', { price: 20 })], baseTradeAmountEur: 250 });
    expect(run(ctx)[0]).toMatchObject({ quantity: 12, valueEur: 240 });
  });

  it('sorts by priority, highest first; ties keep snapshot order', () => {
    const ctx = context({
      securities: [
        security('TIE1', { metrics: { cagr5y: 0.15, sharpe: 1.2 } }),
        security('TOP', { metrics: { cagr5y: 0.4, sharpe: 3 } }),
        security('TIE2', { metrics: { cagr5y: 0.15, sharpe: 1.2 } }),
        security('BOOSTED', { metrics: { cagr5y: 0.15, sharpe: 1.2 }, priorityMultiplier: 1.5 }),
      ],
    });
    expect(run(ctx).map((c) => c.symbol)).toEqual(['TOP', 'BOOSTED', 'TIE1', 'TIE2']);
  });

  it('priority scales with priorityWeight and the security multiplier', () => {
    const ctx = context({ securities: [security('A', { priorityMultiplier: 2, metrics: { cagr5y: 0.12, sharpe: 1 } })] });
    expect(run(ctx, { priorityWeight: 0.5 })[0]?.priority).toBe(0.5 * 0.5 * 2);
  });

  it('strength is 0.5 at the bars and saturates at 1', () => {
    expect(momentumStrength(0.12, 1, defaults)).toBe(0.5);
    expect(momentumStrength(0.22, 2, defaults)).toBe(1);
    expect(momentumStrength(5, 50, defaults)).toBe(1);
  });

  it('does not mutate the context and gives the same result twice', () => {
    const ctx = context({ securities: [security('A'), security('B', { price: 12.5, minLot: 3 })] });
    const before = JSON.stringify(ctx.securities);
    expect(run(ctx)).toEqual(run(ctx));
    expect(JSON.stringify(ctx.securities)).toBe(before);
  });

  it('property: every candidate is a real buy of a positive lot multiple, sorted, never excluded', () => {
    const sec = fc.record({
      price: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 5000, noNaN: true })),
      minLot: fc.integer({ min: 1, max: 500 }),
      cagr5y: fc.option(fc.double({ min: -0.5, max: 1, noNaN: true }), { nil: undefined }),
      sharpe: fc.option(fc.double({ min: -2, max: 4, noNaN: true }), { nil: undefined }),
      allowBuy: fc.boolean(),
      cooldown: fc.boolean(),
      currency: fc.constantFrom('EUR', 'USD', 'GBP'),
    });
    const params = fc.record({
      minCagr: fc.double({ min: -0.2, max: 0.5, noNaN: true }),
      minSharpe: fc.double({ min: -1, max: 3, noNaN: true }),
      targetValueEur: fc.double({ min: 1, max: 1e5, noNaN: true }),
      priorityWeight: fc.double({ min: 0, max: 2, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(sec, { maxLength: 12 }), params, (secs, p) => {
        const securities = secs.map((s, i) =>
          security(`S${i}`, { price: s.price, minLot: s.minLot, allowBuy: s.allowBuy, currency: s.currency, metrics: { cagr5y: s.cagr5y, sharpe: s.sharpe } }),
        );
        const recentlyBought = secs.flatMap((s, i) => (s.cooldown ? [`S${i}`] : []));
        const ctx = context({ securities, recentlyBought, fx: { USD: 1.04, GBP: 0.83 } });
        const out = momentum.calculate(ctx, momentum.params.parse(p));
        for (let i = 0; i < out.length; i++) {
          const c = out[i]!;
          const s = ctx.securitiesBySymbol.get(c.symbol)!;
          expect(c.side).toBe('BUY');
          expect(Number.isInteger(c.quantity) && c.quantity > 0 && c.quantity % s.minLot === 0).toBe(true);
          expect(Number.isFinite(c.valueEur) && c.valueEur > 0).toBe(true);
          expect(Number.isFinite(c.priority)).toBe(true);
          expect(s.price > 0 && s.allowBuy && !ctx.recentlyBought.has(c.symbol)).toBe(true);
          expect(s.metrics.cagr5y! >= p.minCagr && s.metrics.sharpe! >= p.minSharpe).toBe(true);
          if (i > 0) expect(out[i - 1]!.priority).toBeGreaterThanOrEqual(c.priority);
        }
      }),
      { seed: 42 },
    );
  });
});
