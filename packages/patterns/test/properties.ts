import type { ActionCandidate, OpportunitiesByCategory, OpportunityCategory, PatternCall, PatternGenerator } from '@planner/contracts';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { B, call, S } from './fixtures.js';

// Shared property test of spec modules-patterns.md §7, run from each pattern's test file.

const SELL_KEYS: readonly OpportunityCategory[] = ['profit_taking', 'rebalance_sells'];
const BUY_KEYS: readonly OpportunityCategory[] = ['averaging_down', 'rebalance_buys', 'opportunity_buys'];
const SYMBOLS = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF'];

// Integer values keep the cash walk exact, so the property does not depend on
// which of the two cash-arithmetic forms (§1.4) a pattern uses.
const value = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1500 }));
const priority = fc.constantFrom(0.1, 0.3, 0.5, 0.5, 0.8, 0.95);
const symbol = fc.constantFrom(...SYMBOLS);
const sells = fc.array(fc.tuple(symbol, value, priority).map(([s, v, p]) => S(s, v, p)), { maxLength: 5 });
const buys = fc.array(fc.tuple(symbol, value, priority).map(([s, v, p]) => B(s, v, p)), { maxLength: 5 });

/** Categories; sometimes the same buy object sits in two buy lists (allowed by §1.2). */
export const categoriesArb = fc
  .tuple(sells, sells, buys, buys, buys, fc.boolean())
  .map(([pt, rs, ad, rb, ob, share]) => {
    if (share && ad[0] !== undefined) ob = [...ob, ad[0]];
    return { profit_taking: pt, rebalance_sells: rs, averaging_down: ad, rebalance_buys: rb, opportunity_buys: ob };
  })
  .chain((all) =>
    // Any subset of keys may be missing (a missing key is an empty list).
    fc.subarray([...SELL_KEYS, ...BUY_KEYS]).map((keep) => {
      const out: Partial<Record<OpportunityCategory, ActionCandidate[]>> = {};
      for (const k of keep) out[k] = all[k];
      return out;
    }),
  );

export interface PropertyOptions {
  maxSequences: number;
  /** Extra call fields (adaptive needs a context, market_regime a regime). */
  callArb?: fc.Arbitrary<Partial<Parameters<typeof call>[0]>>;
}

function deepFreeze(opps: Partial<Record<OpportunityCategory, ActionCandidate[]>>): OpportunitiesByCategory {
  for (const list of Object.values(opps)) {
    for (const c of list) {
      Object.freeze(c.tags);
      Object.freeze(c);
    }
    Object.freeze(list);
  }
  return Object.freeze(opps);
}

export function itSatisfiesPatternProperties(pattern: PatternGenerator, options: PropertyOptions): void {
  it('satisfies the properties of spec §7 (non-empty, <= L, sells first, cash walk, inputs untouched, deterministic)', () => {
    const cash = fc.oneof(fc.constant(0), fc.integer({ min: -100, max: 3000 }));
    const limit = fc.integer({ min: 1, max: 7 });
    const extra = options.callArb ?? fc.constant({});
    fc.assert(
      fc.property(categoriesArb, cash, limit, extra, (raw, cash0, L, more) => {
        const before = structuredClone(raw);
        const inputs = new Set(Object.values(raw).flat());
        const opps = deepFreeze(raw);
        const c: PatternCall = call({ cash: cash0, L, ...more });
        const params = pattern.params.parse({});
        const out = pattern.generate(opps, params, c);
        expect(out.length).toBeLessThanOrEqual(options.maxSequences);
        for (const seq of out) {
          expect(seq.length).toBeGreaterThan(0);
          expect(seq.length).toBeLessThanOrEqual(L);
          const firstBuy = seq.findIndex((a) => a.side === 'BUY');
          if (firstBuy >= 0) expect(seq.slice(firstBuy).every((a) => a.side === 'BUY')).toBe(true);
          let running = c.availableCashEur;
          for (const a of seq) {
            expect(inputs.has(a)).toBe(true);
            if (a.side === 'SELL') running += a.valueEur;
            else {
              expect(a.valueEur).toBeLessThanOrEqual(running);
              running -= a.valueEur;
            }
          }
        }
        expect(raw).toEqual(before);
        expect(pattern.generate(opps, params, c)).toEqual(out);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  itKeepsItsPromises(pattern, options);

  it('accepts {} as params and leaves the depth cap unset', () => {
    expect(pattern.params.parse({})).toEqual({});
    expect(pattern.params.parse({ maxDepth: 3 })).toMatchObject({ maxDepth: 3 });
    expect(() => pattern.params.parse({ maxDepth: 0 })).toThrow();
  });
}

/**
 * The declarations the planner skips calls on (contracts `emptyWithout`,
 * `emptyWhenNothingFits`): `generate` returns [] whenever they say so, whatever
 * the other lists, the cash, the limit and the call's extras.
 */
function itKeepsItsPromises(pattern: PatternGenerator, options: PropertyOptions): void {
  const extra = options.callArb ?? fc.constant({});
  const limit = fc.integer({ min: 1, max: 7 });
  const declared = pattern.emptyWithout;
  if (declared !== undefined) {
    it(`returns [] whenever its emptyWithout lists (${declared.join(', ')}) are all empty`, () => {
      // Each declared list is either missing or present and empty.
      const emptied = fc.tuple(categoriesArb, fc.array(fc.boolean(), { minLength: declared.length, maxLength: declared.length }));
      const cash = fc.oneof(fc.constant(0), fc.integer({ min: -100, max: 100000 }));
      fc.assert(
        fc.property(emptied, cash, limit, extra, ([raw, present], cash0, L, more) => {
          declared.forEach((k, i) => {
            if (present[i]) raw[k] = [];
            else delete raw[k];
          });
          const out = pattern.generate(deepFreeze(raw), pattern.params.parse({}), call({ cash: cash0, L, ...more }));
          expect(out).toEqual([]);
        }),
        { seed: 7, numRuns: 300 },
      );
    });
  }
  if (pattern.emptyWhenNothingFits === true) {
    it('returns [] whenever the sell lists are empty and no buy fits the cash (emptyWhenNothingFits)', () => {
      // Buys priced from just above the cash upwards, in any of the three buy lists.
      const cashAndBuys = fc.oneof(fc.constant(0), fc.integer({ min: -100, max: 3000 })).chain((cash0) => {
        const dear = fc.array(
          fc.tuple(symbol, fc.integer({ min: 1, max: 2000 }), priority).map(([s, over, p]) => B(s, Math.max(cash0, 0) + over, p)),
          { maxLength: 5 },
        );
        return fc.tuple(fc.constant(cash0), dear, dear, dear, fc.subarray([...SELL_KEYS]));
      });
      fc.assert(
        fc.property(cashAndBuys, limit, extra, ([cash0, ad, rb, ob, emptySells], L, more) => {
          const raw: Partial<Record<OpportunityCategory, ActionCandidate[]>> = {
            averaging_down: ad, rebalance_buys: rb, opportunity_buys: ob,
          };
          for (const k of emptySells) raw[k] = [];
          const out = pattern.generate(deepFreeze(raw), pattern.params.parse({}), call({ cash: cash0, L, ...more }));
          expect(out).toEqual([]);
        }),
        { seed: 11, numRuns: 300 },
      );
    });
  }
}
