import { COMPAT_DEFAULTS } from '@planner/contracts';
import type { CompatSwitches } from '@planner/contracts';
import { opportunityContext, security as kitSecurity } from '@planner/testkit';
import { describe, expect, it } from 'vitest';
import { budgetRelaxations, lotRelaxations } from '../src/constraint-relaxation.js';
import { partialFills } from '../src/partial-execution.js';
import { type Resizing, resized, resizingOf } from '../src/resize.js';
import { buy, sell } from './fixtures.js';

// How the generators that scale a candidate size the copy (DECISIONS.md #27):
// the reference's three quirks, each behind its [compat] switch.
const executable = (over: Partial<CompatSwitches> = {}): Resizing => ({
  compat: { valueEurNotFromQuantity: false, tradesBreakBoardLot: false, zeroShareSells: false, ...over },
  lotOf: (symbol) => (symbol === 'LOT' ? 5 : 1),
});
const reference: Resizing = { compat: COMPAT_DEFAULTS, lotOf: () => 5 };

describe('resized', () => {
  const a = buy('LOT', 0.5, { quantity: 10, valueEur: 100 });

  it('reference (no resizing, or the default switches): whole shares, value scaled by the fraction', () => {
    expect(resized(a, 7.9, 0.79, undefined)).toEqual({ quantity: 7, valueEur: 79 });
    // compat.trades_break_board_lot and compat.value_eur_not_from_quantity on: lots of 5 are ignored
    expect(resized(a, 7.9, 0.79, reference)).toEqual({ quantity: 7, valueEur: 79 });
    // compat.zero_share_sells on: a copy truncated to 0 shares is still proposed
    expect(resized(a, 0.5, 0.05, reference)).toEqual({ quantity: 0, valueEur: 5 });
  });

  it('compat.trades_break_board_lot off: the copy is rounded down to whole lots', () => {
    expect(resized(a, 7.9, 0.79, executable({ valueEurNotFromQuantity: true }))).toEqual({ quantity: 5, valueEur: 79 });
  });

  it('compat.zero_share_sells off: no whole lot left means no copy', () => {
    expect(resized(a, 4, 0.4, executable())).toBeNull();
    expect(resized(a, 0.5, 0.05, executable({ tradesBreakBoardLot: true }))).toBeNull();
  });

  it('compat.value_eur_not_from_quantity off: the value follows the rounded quantity', () => {
    expect(resized(a, 7.9, 0.79, executable())).toEqual({ quantity: 5, valueEur: 50 });
    // A 0-share candidate (kept by compat.zero_share_sells upstream) has no value per share: its copies are worth 0.
    const zero = sell('Z', 0.5, { quantity: 0, valueEur: 30 });
    expect(resized(zero, 0, 0.5, executable({ zeroShareSells: true }))).toEqual({ quantity: 0, valueEur: 0 });
  });

  it('resizingOf reads the context: its compat switches and each security’s lot, 1 for an unknown symbol', () => {
    const ctx = opportunityContext({ securities: [kitSecurity('LOT', { minLot: 5 })] });
    const r = resizingOf({ ...ctx, compat: { ...COMPAT_DEFAULTS, tradesBreakBoardLot: false } });
    expect(r.compat.tradesBreakBoardLot).toBe(false);
    expect(r.lotOf('LOT')).toBe(5);
    expect(r.lotOf('NONE')).toBe(1);
    expect(resizingOf(ctx).compat).toEqual(COMPAT_DEFAULTS);
  });
});

describe('generators that scale candidates drop copies without a whole lot (executable profile)', () => {
  const lot = buy('LOT', 0.5, { quantity: 10, valueEur: 100 });

  it('partial fills: 50 % of 10 in lots of 5 is one lot; 75 % rounds to one lot too; none below a lot', () => {
    expect([...partialFills([lot], [0.5, 0.75, 1.0], 1, executable())].map((s) => s[0]?.quantity)).toEqual([5, 5, 10]);
    const small = buy('LOT', 0.5, { quantity: 6, valueEur: 60 });
    expect([...partialFills([small], [0.5, 1.0], 1, executable())].map((s) => s[0]?.quantity)).toEqual([6]);
  });

  it('lot relaxation: fractional lots below one whole lot are not proposed', () => {
    const small = buy('LOT', 0.5, { quantity: 6, valueEur: 60 });
    const out = [...lotRelaxations([small], false, true, 1, executable())];
    expect(out.every((s) => (s[0]?.quantity ?? 0) % 5 === 0 && (s[0]?.quantity ?? 0) > 0)).toBe(true);
    const reference = [...lotRelaxations([small], false, true, 1)];
    expect(reference.length).toBeGreaterThan(out.length);
  });

  it('budget relaxation: an enlarged held buy without a whole lot gives no variant', () => {
    const one = buy('LOT', 0.5, { quantity: 1, valueEur: 10 });
    // ×1.5 of 1 share = 1 share, below the lot of 5: dropped; the reference keeps 1 share.
    expect(budgetRelaxations([[one]], 1, 0, () => true, [], 1.5, executable())).toEqual([]);
    expect(budgetRelaxations([[one]], 1, 0, () => true, [], 1.5)).toHaveLength(1);
  });
});
