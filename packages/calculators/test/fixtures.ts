import fc from 'fast-check';
import { expect } from 'vitest';
import type { ActionCandidate, OpportunityContext, Security } from '@planner/contracts';
import { opportunityContext, position, security } from '@planner/testkit';
import type { OpportunityContextInput } from '@planner/testkit';

/** A plain, tradeable EUR equity in Germany's tech sector. */
export const sec = (symbol: string, over: Partial<Omit<Security, 'symbol'>> = {}): Security =>
  security(symbol, { country: 'DE', industry: 'Tech', ...over });

export const pos = position;

export type FixtureInput = OpportunityContextInput;

export const makeContext = opportunityContext;

// ------------------------------------------------------------ property-test support

const COUNTRIES = ['DE', 'FR', 'US', 'JP', 'BR', ''] as const;
const CURRENCIES = ['EUR', 'USD', 'JPY'] as const;

/** Random small universes and portfolios, half of them with optimizer targets. */
export function arbContext(options: { positions?: boolean } = {}): fc.Arbitrary<OpportunityContext> {
  const withPositions = options.positions ?? true;
  const arbSec = fc.record({
    price: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.double({ min: 0.5, max: 5000, noNaN: true }), weight: 6 }),
    currency: fc.constantFrom(...CURRENCIES),
    country: fc.constantFrom(...COUNTRIES),
    minLot: fc.constantFrom(1, 1, 5, 100),
    priorityMultiplier: fc.constantFrom(0.5, 1, 1, 2),
    qualityScore: fc.option(fc.double({ min: 0.3, max: 1, noNaN: true }), { nil: undefined, freq: 4 }),
    allowBuy: fc.constantFrom(true, true, true, false),
    allowSell: fc.constantFrom(true, true, true, false),
    cagr5y: fc.option(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { nil: undefined }),
    held: fc.option(
      fc.record({
        quantity: fc.integer({ min: 1, max: 2000 }),
        /** average cost relative to the quote, so that dips and gains both occur */
        avgFactor: fc.double({ min: 0.3, max: 3, noNaN: true }),
        daysAgo: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    target: fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: undefined }),
    flags: fc.constantFrom('none', 'none', 'sold', 'bought', 'ineligible'),
  });
  return fc
    .record({
      items: fc.array(arbSec, { maxLength: 8 }),
      withTargets: fc.boolean(),
      groupTargets: fc.record({ EU: fc.integer({ min: 0, max: 70 }), US: fc.integer({ min: 0, max: 70 }), ASIA: fc.integer({ min: 0, max: 30 }) }).map((t) => ({ EU: t.EU / 100, US: t.US / 100, ASIA: t.ASIA / 100 })),
    })
    .map(({ items, withTargets, groupTargets }) => {
      const securities = items.map((it, i) =>
        sec(`S${i}`, {
          price: it.price, currency: it.currency, country: it.country, minLot: it.minLot,
          priorityMultiplier: it.priorityMultiplier, allowBuy: it.allowBuy, allowSell: it.allowSell,
          ...(it.qualityScore === undefined ? {} : { qualityScore: it.qualityScore }),
          metrics: it.cagr5y === undefined ? {} : { cagr5y: it.cagr5y },
        }),
      );
      const positions = items.flatMap((it, i) =>
        withPositions && it.held
          ? [pos(`S${i}`, it.held.quantity, (it.price > 0 ? it.price : 100) * it.held.avgFactor, it.held.daysAgo === undefined ? {} : { firstBoughtAt: isoDaysBefore('2025-01-01', it.held.daysAgo) })]
          : [],
      );
      const targets: Record<string, number> = {};
      if (withTargets) items.forEach((it, i) => { if (it.target !== undefined) targets[`S${i}`] = it.target; });
      const pick = (flag: string) => items.flatMap((it, i) => (it.flags === flag ? [`S${i}`] : []));
      return makeContext({
        securities, positions, fxRates: { USD: 1.1, JPY: 160 },
        countryGroups: { EU: ['DE', 'FR'], US: ['US'], ASIA: ['JP'] }, countryTargets: groupTargets,
        targetWeights: targets, recentlySold: pick('sold'), recentlyBought: pick('bought'), ineligible: pick('ineligible'),
      });
    });
}

function isoDaysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 19);
}

/** Invariants every calculator's output keeps. */
export function expectWellFormed(out: readonly ActionCandidate[], opts: { side?: 'BUY' | 'SELL'; allowZero?: boolean } = {}): void {
  for (let i = 1; i < out.length; i++) expect((out[i - 1] as ActionCandidate).priority).toBeGreaterThanOrEqual((out[i] as ActionCandidate).priority);
  for (const c of out) {
    if (opts.side) expect(c.side).toBe(opts.side);
    expect(Number.isInteger(c.quantity)).toBe(true);
    expect(c.quantity).toBeGreaterThanOrEqual(opts.allowZero ? 0 : 1);
    for (const x of [c.price, c.valueEur, c.priority]) expect(Number.isFinite(x)).toBe(true);
    expect(c.price).toBeGreaterThan(0);
    expect(c.valueEur).toBeGreaterThanOrEqual(0);
    expect(c.reason).not.toMatch(/NaN|undefined|Infinity/);
  }
}
