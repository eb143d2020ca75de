import type { Sequence } from '@planner/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetRelaxations, constraintRelaxation, lotRelaxations } from '../src/constraint-relaxation.js';
import { buy, ctxWithPositions, extendInput, sell, symbols } from './fixtures.js';

const X = sell('X', 0.5, { valueEur: 500 });
const Y = buy('Y', 0.5, { quantity: 10, valueEur: 400, reason: 'Rebalance' });
const Z = buy('Z', 0.5, { quantity: 3, valueEur: 300 });
const seq = [X, Y, Z];
const Y15 = { ...Y, quantity: 15, valueEur: 600, reason: 'Rebalance (relaxed)' };

describe('constraint_relaxation, budget mode (spec §4.2)', () => {
  const defaults = constraintRelaxation.params.parse({});
  const run = (sequences: Sequence[], cash: number, held: string[]) =>
    [...constraintRelaxation.generate(extendInput(sequences, { availableCashEur: cash, ctx: ctxWithPositions(held) }), defaults)];

  it('params: {} parses to budget mode with the monolith constants', () => {
    expect(defaults).toMatchObject({ mode: 'budget', budgetFactors: [1.1, 1.2, 1.3], heldBuyMultiplier: 1.5, dedupe: false });
    expect(constraintRelaxation.stage).toBe('extend');
  });

  it('example 4-A: three copies, then the ×1.5 variant of the held buy', () => {
    expect(run([seq], 1000, ['Y'])).toEqual([seq, seq, seq, [X, Y15, Z]]);
  });

  it('example 4-B: over budget gives only the variant; nothing held gives only the copies', () => {
    expect(run([seq], 500, ['Y'])).toEqual([[X, Y15, Z]]);
    expect(run([seq], 1000, [])).toEqual([seq, seq, seq]);
    const one = buy('Y', 0.5, { quantity: 1, valueEur: 10 });
    expect(run([[one]], 0, ['Y'])).toEqual([[{ ...one, quantity: 1, valueEur: 15, reason: 'Buy (relaxed)' }]]);
  });

  it('budget boundary: need equal to cash is in budget, a cent more is not', () => {
    expect(run([seq], 700, [])).toHaveLength(3);
    expect(run([seq], 699.99, [])).toHaveLength(0);
  });

  it('a configured factor below 1 tightens: a copy only when the buys fit that share of the cash', () => {
    // seq buys 700: in budget at 1000; 0.5 × 1000 does not cover it, 0.7 × 1000 just does
    expect(budgetRelaxations([seq], 1, 1000, () => false, [0.5, 0.7, 1.1], 1.5)).toEqual([seq, seq]);
  });

  it('a sequence without buys needs 0: copies even with zero cash; empty input gives nothing', () => {
    expect(run([[X]], 0, ['X'])).toEqual([[X], [X], [X]]);
    expect(run([], 1000, ['Y'])).toEqual([]);
  });

  it('replaces every value-equal action, emits one variant per qualifying buy', () => {
    const twin = { ...Y };
    const out = [...budgetRelaxations([[Y, twin]], 1, 0, () => true, [1.1], 1.5)];
    expect(out).toEqual([[Y15, Y15], [Y15, Y15]]);
  });

  it('dedupe: true emits each distinct sequence once', () => {
    const out = [...constraintRelaxation.generate(extendInput([seq], { availableCashEur: 1000, ctx: ctxWithPositions(['Y']) }), constraintRelaxation.params.parse({ dedupe: true }))];
    expect(out).toEqual([seq, [X, Y15, Z]]);
  });

  it('property: copies + one variant per held buy, copies only when in budget', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.record({ side: fc.constantFrom('BUY', 'SELL'), sym: fc.constantFrom('A', 'B', 'C'), v: fc.integer({ min: 0, max: 500 }) }), { maxLength: 4 }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 1500 }),
        fc.subarray(['A', 'B', 'C']),
        (raw, cash, held) => {
          const seqs = raw.map((s) => s.map((a) => (a.side === 'BUY' ? buy(a.sym, 0.5, { valueEur: a.v }) : sell(a.sym, 0.5, { valueEur: a.v }))));
          const out = run(seqs, cash, held);
          let expected = 0;
          for (const s of seqs) {
            const need = s.reduce((acc, a) => acc + (a.side === 'BUY' ? a.valueEur : 0), 0);
            if (need <= cash) expected += 3;
            expected += s.filter((a) => a.side === 'BUY' && held.includes(a.symbol)).length;
          }
          expect(out.length).toBe(expected);
        },
      ),
      { seed: 42 },
    );
  });
});

describe('budgetRelaxations sharing one enlarged candidate per call', () => {
  /** The reference loop written plainly: a fresh enlarged object per variant. */
  function plain(seqs: Sequence[], cash: number, held: string[]): Sequence[] {
    const out: Sequence[] = [];
    for (const s of seqs) {
      const need = s.reduce((acc, a) => acc + (a.side === 'BUY' ? a.valueEur : 0), 0);
      for (const f of [1.1, 1.2, 1.3]) if (need <= cash && need <= cash * f) out.push([...s]);
      for (const a of s) {
        if (a.side !== 'BUY' || !held.includes(a.symbol)) continue;
        const relaxed = { ...a, quantity: Math.trunc(a.quantity * 1.5), valueEur: a.valueEur * 1.5, reason: `${a.reason} (relaxed)` };
        out.push(s.map((x) => (JSON.stringify(x) === JSON.stringify(a) ? relaxed : x)));
      }
    }
    return out;
  }

  it('property: equals the plain loop, with candidates shared and value-equal across sequences', () => {
    const pool = [buy('A', 0.5, { quantity: 3, valueEur: 90 }), buy('B', 0.5, { quantity: 7, valueEur: 400 }), sell('C', 0.5, { valueEur: 200 })];
    const candidate = fc.oneof(
      fc.constantFrom(...pool), // the same objects in many sequences
      fc.constantFrom(...pool).map((c) => ({ ...c })), // value-equal copies
      fc.record({ sym: fc.constantFrom('A', 'B', 'D'), q: fc.integer({ min: 1, max: 9 }) }).map(({ sym, q }) => buy(sym, 0.5, { quantity: q, valueEur: q * 10 })),
    );
    fc.assert(
      fc.property(fc.array(fc.array(candidate, { maxLength: 4 }), { maxLength: 8 }), fc.integer({ min: 0, max: 1000 }), fc.subarray(['A', 'B', 'C', 'D']), (seqs, cash, held) => {
        const out = budgetRelaxations(seqs, seqs.length, cash, (s) => held.includes(s), [1.1, 1.2, 1.3], 1.5);
        expect(out).toEqual(plain(seqs, cash, held));
      }),
      { seed: 42 },
    );
  });
});

describe('constraint_relaxation, lot mode (spec §4.3)', () => {
  it('example 4-C: singletons, fractional lots (zero quantities kept), reversed pairs', () => {
    const S = sell('S', 0.5, { quantity: 4, valueEur: 400, reason: 'Sell' });
    const B = buy('B', 0.5, { quantity: 1, valueEur: 100, reason: 'Buy' });
    const out = [...constraintRelaxation.generate(extendInput([], { opportunities: { profit_taking: [S], rebalance_buys: [B] } }), constraintRelaxation.params.parse({ mode: 'lot' }))];
    const lot = (c: typeof S, q: number, v: number, rq: string) => [{ ...c, quantity: q, valueEur: v, reason: `${c.reason} [Relaxed lot: ${rq} shares]`, tags: [...c.tags, 'relaxed_lot'] }];
    expect(out).toEqual([
      [S],
      lot(S, 2, 200, '2.00'), lot(S, 1, 100, '1.00'), lot(S, 0, 40, '0.40'),
      lot(B, 0, 50, '0.50'), lot(B, 0, 25, '0.25'), lot(B, 0, 10, '0.10'),
      [B, S],
    ]);
  });

  it('min_shares_relaxed boundary and switches', () => {
    const B = buy('B', 0.5, { quantity: 1 });
    expect([...lotRelaxations([B], true, true, 0.11)]).toHaveLength(2); // 0.1 < 0.11 skipped
    expect([...lotRelaxations([B, sell('S')], false, false, 0.1)]).toEqual([]);
    expect(symbols(lotRelaxations([B, sell('S')], true, false, 0.1))).toEqual([['S'], ['B', 'S']]);
  });

  it('pairs only the first five buys and five sells', () => {
    const opps = [...Array.from({ length: 7 }, (_, i) => buy(`B${i}`)), ...Array.from({ length: 7 }, (_, i) => sell(`S${i}`))];
    const pairs = [...lotRelaxations(opps, true, false, 0.1)].filter((s) => s.length === 2);
    expect(pairs).toHaveLength(25);
  });
});
