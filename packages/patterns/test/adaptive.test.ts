import type { PortfolioContext } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adaptive } from '../src/adaptive.js';
import { B, context, gen, portfolioContext, security } from './fixtures.js';
import { itSatisfiesPatternProperties } from './properties.js';

// The context of spec modules-patterns.md §4.12's examples.
function examplePortfolio(p: Partial<PortfolioContext> = {}): PortfolioContext {
  return portfolioContext({
    positions: new Map([
      ['AAA', 6000],
      ['BBB', 4000],
    ]),
    totalValue: 10000,
    securityCountries: new Map([
      ['AAA', 'US'],
      ['BBB', 'DE'],
    ]),
    countryToGroup: new Map([
      ['US', 'US'],
      ['DE', 'DE'],
      ['FR', 'FR'],
    ]),
    countryWeights: new Map([
      ['US', 0.5],
      ['DE', 0.3],
      ['FR', 0.2],
    ]),
    securityIndustries: new Map([
      ['AAA', 'Tech'],
      ['BBB', 'Banks, Insurance'],
    ]),
    industryToGroup: new Map([
      ['Tech', 'Tech'],
      ['Banks', 'Finance'],
      ['Insurance', 'Finance'],
    ]),
    industryWeights: new Map([
      ['Tech', 0.5],
      ['Finance', 0.3],
      ['Health', 0.2],
    ]),
    ...p,
  });
}

const SECURITIES = [
  security('AAA', 'US', 'Tech'),
  security('BBB', 'DE', 'Banks, Insurance'),
  security('CCC', 'FR', 'Health'),
  security('DDD', 'FR', 'Tech'),
  security('EEE', 'US', 'Health, Pharma'),
];

const ctx = (p: Partial<PortfolioContext> = {}, securities = SECURITIES) => context(examplePortfolio(p), securities);

const opps = () => ({
  rebalance_buys: [B('CCC', 400, 0.8), B('DDD', 500, 0.6)],
  opportunity_buys: [B('EEE', 300, 0.7)],
});

describe('adaptive', () => {
  it('runs once after dedup', () => {
    expect(adaptive.stage).toBe('once');
  });

  it('spec §4.12 example 1: geographic then sector, each from cash₀', () => {
    expect(gen(adaptive, opps(), { cash: 1000, L: 5, ctx: ctx() })).toEqual([
      ['B:CCC', 'B:DDD'],
      ['B:CCC', 'B:EEE'],
    ]);
    expect(gen(adaptive, opps(), { cash: 450, L: 5, ctx: ctx() })).toEqual([['B:CCC'], ['B:CCC']]);
  });

  it('example 2: an unaffordable first candidate stops both scans (BREAK_FILL)', () => {
    const o = { rebalance_buys: [B('DDD', 500, 0.6), B('CCC', 400, 0.8)], opportunity_buys: [B('EEE', 300, 0.7)] };
    expect(gen(adaptive, o, { cash: 450, L: 5, ctx: ctx() })).toEqual([]);
    // With 500 the geographic scan takes DDD and stops at CCC; the sector scan skips DDD (Tech).
    expect(gen(adaptive, o, { cash: 500, L: 5, ctx: ctx() })).toEqual([['B:DDD'], ['B:CCC']]);
  });

  it('example 2b: group names that are not country names never match', () => {
    const c = ctx({
      countryWeights: new Map([['EUROPE', 0.5]]),
      countryToGroup: new Map([
        ['FR', 'EUROPE'],
        ['US', 'NA'],
      ]),
      industryWeights: new Map(),
    });
    expect(gen(adaptive, opps(), { cash: 1000, ctx: c })).toEqual([]);
  });

  it('L limits each sequence', () => {
    expect(gen(adaptive, opps(), { cash: 1000, L: 1, ctx: ctx() })).toEqual([['B:CCC'], ['B:CCC']]);
  });

  it('gap thresholds are strict: 2% for countries, 1% for industries', () => {
    const only = (country: number, industry: number) =>
      ctx({
        countryWeights: new Map([['FR', country]]),
        industryWeights: new Map([['Health', industry]]),
      });
    const o = { opportunity_buys: [B('CCC', 10, 1)] };
    expect(gen(adaptive, o, { cash: 100, ctx: only(0.02, 0.01) })).toEqual([]);
    expect(gen(adaptive, o, { cash: 100, ctx: only(0.0201, 0.0101) })).toEqual([['B:CCC'], ['B:CCC']]);
    expect(gen(adaptive, o, { cash: 100, ctx: only(0.0201, 0.01) })).toEqual([['B:CCC']]);
  });

  it('keeps the three largest gaps; ties keep the target map order', () => {
    const c = ctx({
      positions: new Map(),
      countryWeights: new Map([
        ['A', 0.1],
        ['B', 0.3],
        ['C', 0.1],
        ['D', 0.2],
        ['E', 0.1],
      ]),
      industryWeights: new Map(),
    });
    const secs = ['A', 'B', 'C', 'D', 'E'].map((g) => security(`S${g}`, g));
    const o = { opportunity_buys: ['E', 'C', 'A', 'D', 'B'].map((g) => B(`S${g}`, 1, 1)) };
    // Gaps B .3, D .2, then the first 0.1 in map order (A); C and E are dropped.
    expect(gen(adaptive, o, { cash: 100, ctx: context(c.portfolio, secs) })).toEqual([['B:SB', 'B:SD', 'B:SA']]);
  });

  it('allocations: unmapped countries go to OTHER, each industry part counts fully', () => {
    const secs = [...SECURITIES, security('FFF', 'XX', 'Finance'), security('OTH', 'OTHER', '')];
    const o = { opportunity_buys: [B('FFF', 10, 1), B('OTH', 10, 1)] };
    const c = (other: number, finance: number) =>
      context(
        examplePortfolio({
          countryToGroup: new Map(),
          countryWeights: new Map([['OTHER', other]]),
          industryWeights: new Map([['Finance', finance]]),
        }),
        secs,
      );
    // US and DE are unmapped: OTHER holds 1.0. BBB's two Finance industries count 0.4 twice: 0.8.
    expect(gen(adaptive, o, { cash: 100, ctx: c(1.0, 0.79) })).toEqual([]);
    expect(gen(adaptive, o, { cash: 100, ctx: c(1.05, 0.85) })).toEqual([['B:OTH'], ['B:FFF']]);
  });

  it('allocations skip non-positive positions and positions without a country or industry', () => {
    // NEG would make US (6000 − 5000 of 10 000) the largest country gap, ahead of FR;
    // NOC has neither country nor industry, so it weighs in no group.
    const c = ctx({
      positions: new Map([
        ['AAA', 6000],
        ['BBB', 4000],
        ['NEG', -5000],
        ['NOC', 1000],
      ]),
      securityCountries: new Map([
        ['AAA', 'US'],
        ['BBB', 'DE'],
        ['NEG', 'US'],
      ]),
    });
    expect(gen(adaptive, opps(), { cash: 1000, L: 5, ctx: c })).toEqual(gen(adaptive, opps(), { cash: 1000, L: 5, ctx: ctx() }));
  });

  it('an empty industry part (a trailing comma) counts in no group; an unmapped industry counts in OTHER', () => {
    const withIndustry = (industry: string) =>
      context(
        examplePortfolio({
          countryWeights: new Map(),
          securityIndustries: new Map([['BBB', industry]]),
          industryWeights: new Map([['OTHER', 0.3]]),
        }),
        [...SECURITIES, security('OTH', 'FR', 'OTHER')],
      );
    const o = { opportunity_buys: [B('OTH', 10, 1)] };
    // Counted, '' would map to OTHER and fill its 0.3 target with BBB's 0.4.
    expect(gen(adaptive, o, { cash: 100, ctx: withIndustry('Banks, ') })).toEqual([['B:OTH']]);
    expect(gen(adaptive, o, { cash: 100, ctx: withIndustry('Mining') })).toEqual([]);
  });

  it('the sector match uses trimmed comma-separated parts', () => {
    const c = ctx({ countryWeights: new Map(), industryWeights: new Map([['Pharma', 0.5]]) });
    expect(gen(adaptive, opps(), { cash: 1000, ctx: c })).toEqual([['B:EEE']]);
  });

  it('value-equal candidates are taken once per sequence', () => {
    const o = { rebalance_buys: [B('CCC', 100, 0.8)], opportunity_buys: [B('CCC', 100, 0.8)] };
    expect(gen(adaptive, o, { cash: 1000, ctx: ctx() })).toEqual([['B:CCC'], ['B:CCC']]);
  });

  it('nothing without securities, with a non-positive total value, or without buys', () => {
    expect(gen(adaptive, opps(), { cash: 1000, ctx: ctx({}, []) })).toEqual([]);
    expect(gen(adaptive, opps(), { cash: 1000, ctx: ctx({ totalValue: 0 }) })).toEqual([]);
    expect(gen(adaptive, {}, { cash: 1000, ctx: ctx() })).toEqual([]);
  });

  itSatisfiesPatternProperties(adaptive, {
    maxSequences: 2,
    callArb: fc.constantFrom(
      { ctx: ctx() },
      {
        ctx: context(examplePortfolio({ positions: new Map() }), [
          security('AAA', 'US', 'Tech'),
          security('BBB', 'FR', 'Health'),
          security('CCC', 'DE', 'Finance, Tech'),
          security('DDD', 'FR', 'Tech'),
        ]),
      },
    ),
  });
});
