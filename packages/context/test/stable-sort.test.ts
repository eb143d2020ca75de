import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortStable } from '../src/stable-sort.js';

interface Item {
  readonly key: number;
  readonly id: number;
}

const byKeyDesc = (a: Item, b: Item): number => b.key - a.key;
const items = (max: number) =>
  fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: max }).map((keys) => keys.map((key, id): Item => ({ key, id })));

describe('sortStable', () => {
  it('orders short and long lists exactly as the built-in stable sort, ties in input order', () => {
    fc.assert(
      fc.property(items(40), (list) => {
        const expected = list.slice().sort(byKeyDesc);
        const copy = list.slice();
        const result = sortStable(copy, byKeyDesc);
        expect(result).toBe(copy);
        expect(result).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps equal items in input order', () => {
    const list = [{ key: 1, id: 0 }, { key: 2, id: 1 }, { key: 1, id: 2 }, { key: 2, id: 3 }];
    expect(sortStable(list, byKeyDesc).map((i) => i.id)).toEqual([1, 3, 0, 2]);
  });

  it('leaves empty and one-item lists as they are', () => {
    expect(sortStable([], byKeyDesc)).toEqual([]);
    expect(sortStable([{ key: 5, id: 0 }], byKeyDesc)).toEqual([{ key: 5, id: 0 }]);
  });
});
