import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sequenceValueKey } from '../src/candidate-identity.js';
import { SequenceKeySet } from '../src/sequence-keys.js';
import { buy, sell } from './fixtures.js';

// Few symbols and quantities, so that value-equal candidates at different positions are common.
const candidate = fc.record({ sym: fc.constantFrom('A', 'B', 'C'), qty: fc.constantFrom(1, 2) });

describe('SequenceKeySet (repeat detection on positions)', () => {
  it('property: addIfNew is true exactly for the first sequence of each value key, packed or string keys', () => {
    fc.assert(
      fc.property(
        fc.array(candidate, { minLength: 1, maxLength: 8 }),
        fc.array(candidate, { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 3 })), { maxLength: 40 }),
        fc.constantFrom(6, 60),
        (ss, bb, picks, maxLength) => {
          const sells = ss.map((c) => sell(c.sym, 0.5, { quantity: c.qty }));
          const buys = bb.map((c) => buy(c.sym, 0.5, { quantity: c.qty }));
          // 17^6 fits a double exactly (packed keys); 17^60 does not (string keys)
          const keys = new SequenceKeySet(sells, buys, maxLength);
          const seen = new Set<string>();
          for (const [sp, bp] of picks) {
            const sPos = sp.map((x) => x % sells.length);
            const bPos = bp.map((x) => x % buys.length);
            const valueKey = sequenceValueKey([...sPos.map((p) => sells[p]!), ...bPos.map((p) => buys[p]!)]);
            expect(keys.addIfNew(Int32Array.from(sPos), sPos.length, Int32Array.from(bPos), bPos.length)).toBe(!seen.has(valueKey));
            seen.add(valueKey);
          }
        },
      ),
      { seed: 42 },
    );
  });

  it('a sell and a buy at the same canonical digit do not collide: sell-only [S0] and buy-only [B0] differ', () => {
    const keys = new SequenceKeySet([sell('X')], [buy('X')], 3);
    expect(keys.addIfNew(Int32Array.of(0), 1, Int32Array.of(), 0)).toBe(true);
    expect(keys.addIfNew(Int32Array.of(), 0, Int32Array.of(0), 1)).toBe(true);
    expect(keys.addIfNew(Int32Array.of(0), 1, Int32Array.of(0), 1)).toBe(true);
    expect(keys.addIfNew(Int32Array.of(0), 1, Int32Array.of(0), 1)).toBe(false);
  });
});
