import type { OpportunityCategory, PortfolioSnapshot } from '@planner/contracts';
import { OPPORTUNITY_CATEGORIES } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANY_INPUT, SOMETHING_FITS, categoryBit, emptyCategoryLists, patternInputs } from '../src/categories.js';
import { z } from 'zod';
import { createPlanner } from '../src/create-planner.js';
import { createIncrementalPlanner } from '../src/incremental-planner.js';
import { allFakes, cand, config, definePattern, snapshot } from './fixtures.js';
import { TestStore } from './work-store.js';

// The patterns' promises (contracts `emptyWithout`, `emptyWhenNothingFits`):
// the planner does not call a pattern whose promise says it would return [],
// and records what a call returning [] would (count 0, the timing key).

function spies() {
  const calls: string[] = [];
  const spy = (name: string, promise: { emptyWithout?: OpportunityCategory[]; emptyWhenNothingFits?: boolean }, stage: 'depth' | 'once' = 'depth') =>
    definePattern({
      name, description: '', params: z.object({}), stage, ...promise,
      generate: (lists) => {
        calls.push(name);
        // What the promise allows: a sequence only from a declared list.
        const first = lists.profit_taking?.[0] ?? lists.opportunity_buys?.[0];
        return first === undefined ? [] : [[first]];
      },
    });
  const modules = [
    spy('needs_profit', { emptyWithout: ['profit_taking'] }),
    spy('plugin', {}),
    spy('needs_fit', { emptyWhenNothingFits: true }),
    spy('once_needs_profit', { emptyWithout: ['profit_taking'] }, 'once'),
  ];
  return { calls, modules, names: modules.map((m) => m.name) };
}

const withCash = (eur: number): PortfolioSnapshot => ({ ...snapshot(), cash: new Map([['EUR', eur]]) });

async function planWith(calculators: string[], snap: PortfolioSnapshot) {
  const s = spies();
  const planner = createPlanner({ config: config({ calculators, patterns: s.names, planner: { maxDepth: 2 } }), modules: [...allFakes, ...s.modules] });
  const plan = await planner.plan(snap);
  return { calls: s.calls, plan };
}

describe('pattern promises', () => {
  it('does not call a pattern whose emptyWithout lists are all empty; counts it 0 in its place', async () => {
    // fake_buys fills opportunity_buys only: no profit_taking candidate.
    const { calls, plan } = await planWith(['fake_buys'], snapshot());
    expect(calls).toEqual(['plugin', 'needs_fit', 'plugin', 'needs_fit']);
    expect(Object.entries(plan.funnel.sequencesByModule)).toEqual([
      ['needs_profit', 0], ['plugin', 2], ['needs_fit', 2], ['once_needs_profit', 0],
    ]);
    expect(plan.timings['pattern:needs_profit']).toBe(0);
    expect(plan.timings['pattern:once_needs_profit']).toBe(0);
    expect(Object.keys(plan.timings).filter((k) => k.startsWith('pattern:'))).toEqual([
      'pattern:needs_profit', 'pattern:plugin', 'pattern:needs_fit', 'pattern:once_needs_profit',
    ]);
  });

  it('calls it when one of its lists holds a candidate', async () => {
    // fake_sells files A under profit_taking.
    const { calls, plan } = await planWith(['fake_buys', 'fake_sells'], snapshot());
    expect(calls).toEqual([
      'needs_profit', 'plugin', 'needs_fit', 'needs_profit', 'plugin', 'needs_fit', 'once_needs_profit',
    ]);
    expect(plan.funnel.sequencesByModule).toEqual({ needs_profit: 2, plugin: 2, needs_fit: 2, once_needs_profit: 1 });
  });

  it('does not call an emptyWhenNothingFits pattern when there are no sells and no buy fits the cash', async () => {
    // D costs 400 and E 300: neither fits 299 EUR; E fits 300.
    expect((await planWith(['fake_buys'], withCash(299))).calls).toEqual(['plugin', 'plugin']);
    expect((await planWith(['fake_buys'], withCash(300))).calls).toEqual(['plugin', 'needs_fit', 'plugin', 'needs_fit']);
    // A sell, even with no cash at all.
    expect((await planWith(['fake_buys', 'fake_sells'], withCash(0))).calls).toContain('needs_fit');
  });

  it('counts a SELL or a NaN-valued candidate in a buy list as fitting', async () => {
    const odd = (side: 'BUY' | 'SELL', valueEur: number) => ({
      ...allFakes[0]!, name: 'odd', category: 'opportunity_buys' as const,
      calculate: () => [cand('D', side, 0.8, { valueEur })],
    });
    for (const [side, value] of [['SELL', 5000], ['BUY', Number.NaN]] as const) {
      const s = spies();
      const cfg = config({ calculators: ['odd'], patterns: ['needs_fit'], planner: { maxDepth: 1 } });
      await createPlanner({ config: cfg, modules: [...allFakes, odd(side, value), ...s.modules] }).plan(withCash(100));
      expect(s.calls).toEqual(['needs_fit']);
    }
  });

  it('rejects an emptyWithout name that is no category', () => {
    const s = spies();
    const typo = definePattern({
      name: 'typo', description: '', params: z.object({}),
      emptyWithout: ['profit_takin' as OpportunityCategory], generate: () => [],
    });
    expect(() => createPlanner({ config: config({ patterns: ['typo'] }), modules: [...allFakes, ...s.modules, typo] })).toThrow(
      /pattern_generators\.typo: the module declares emptyWithout 'profit_takin', expected one of profit_taking, averaging_down/,
    );
  });

  it('skips the same calls in a stored incremental run, with the plan of plan()', async () => {
    const s = spies();
    const cfg = config({ calculators: ['fake_buys'], patterns: s.names, planner: { maxDepth: 2 } });
    const planner = createIncrementalPlanner({ config: cfg, modules: [...allFakes, ...s.modules] });
    const r = await planner.planIncremental(withCash(299), { store: new TestStore(), bucket: 'core', batchSize: 2 });
    expect(r.status).toBe('finished');
    expect(s.calls).toEqual(['plugin', 'plugin']);
    expect(r.plan?.funnel.sequencesByModule).toEqual({ needs_profit: 0, plugin: 2, needs_fit: 0, once_needs_profit: 0 });
  });

  it('skips the same calls when the snapshot was prepared ahead', async () => {
    const s = spies();
    const cfg = config({ calculators: ['fake_buys'], patterns: s.names, planner: { maxDepth: 2 } });
    const planner = createPlanner({ config: cfg, modules: [...allFakes, ...s.modules] });
    const prepared = planner.prepare(withCash(299));
    const plan = await planner.plan(prepared);
    expect(s.calls).toEqual(['plugin', 'plugin']);
    expect(plan.funnel.sequencesByModule).toEqual({ needs_profit: 0, plugin: 2, needs_fit: 0, once_needs_profit: 0 });
  });
});

describe('patternInputs', () => {
  it('sets each non-empty list\'s categoryBit, ANY_INPUT always, SOMETHING_FITS when a sell or a fitting candidate exists', () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.constant(Number.NaN));
    const candidate = fc.tuple(fc.constantFrom('BUY' as const, 'SELL' as const), value).map(([side, valueEur]) => cand('X', side, 0.5, { valueEur }));
    const lists = fc.tuple(...OPPORTUNITY_CATEGORIES.map(() => fc.array(candidate, { maxLength: 3 })));
    fc.assert(
      fc.property(lists, fc.integer({ min: -100, max: 2000 }), (raw, cash) => {
        const l = emptyCategoryLists();
        OPPORTUNITY_CATEGORIES.forEach((k, i) => { l[k] = raw[i]!; });
        let bits = ANY_INPUT;
        for (const k of OPPORTUNITY_CATEGORIES) if (l[k].length > 0) bits |= categoryBit(k);
        const sells = l.profit_taking.length + l.rebalance_sells.length > 0;
        const fits = [...l.averaging_down, ...l.rebalance_buys, ...l.opportunity_buys]
          .some((c) => c.side !== 'BUY' || Number.isNaN(c.valueEur) || c.valueEur <= cash);
        expect(patternInputs(l, cash)).toBe(bits | (sells || fits ? SOMETHING_FITS : 0));
      }),
      { seed: 5, numRuns: 500 },
    );
  });

  it('gives each category its own bit below ANY_INPUT and SOMETHING_FITS, and 0 to a name that is no category', () => {
    const bits = OPPORTUNITY_CATEGORIES.map(categoryBit);
    expect(new Set(bits).size).toBe(5);
    expect(bits.every((b) => b > 0 && b < ANY_INPUT && (b & SOMETHING_FITS) === 0)).toBe(true);
    expect(categoryBit('nope' as OpportunityCategory)).toBe(0);
  });
});
