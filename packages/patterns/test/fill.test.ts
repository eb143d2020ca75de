import type { ActionCandidate, OpportunitiesByCategory, OpportunityCategory } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { categoryList } from '../src/fill.js';

const CATEGORIES: readonly OpportunityCategory[] = ['profit_taking', 'rebalance_sells', 'averaging_down', 'rebalance_buys', 'opportunity_buys'];
// Stand-ins: categoryList hands lists back as they are, it never reads a candidate.
const listOf = (category: string): readonly ActionCandidate[] => [{ symbol: category } as unknown as ActionCandidate];

describe('categoryList', () => {
  it('gives each category its own list', () => {
    const lists = Object.fromEntries(CATEGORIES.map((c) => [c, listOf(c)])) as unknown as OpportunitiesByCategory;
    for (const c of CATEGORIES) expect(categoryList(lists, c)).toBe(lists[c]);
  });

  it('gives a missing category an empty list (§1.1)', () => {
    for (const c of CATEGORIES) expect(categoryList({} as OpportunitiesByCategory, c)).toEqual([]);
  });

  it('reads a key outside the five categories (a JavaScript caller) as the object holds it', () => {
    const other = listOf('other');
    const lists = { other } as unknown as OpportunitiesByCategory;
    expect(categoryList(lists, 'other' as OpportunityCategory)).toBe(other);
    expect(categoryList(lists, 'missing' as OpportunityCategory)).toEqual([]);
  });
});
