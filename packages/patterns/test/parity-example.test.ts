import type { ActionCandidate, OpportunitiesByCategory, Sequence } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { patterns } from '../src/all-patterns.js';
import { call, fixtureF, labels } from './fixtures.js';

/**
 * The driver-level worked example of spec modules-patterns.md §6: the eleven
 * basic patterns per depth (driver of §2.3), then the dedup of pipeline §5.3.
 */
function drive(opportunities: OpportunitiesByCategory, cash: number, maxDepth: number): { seq: Sequence; depth: number; name: string }[] {
  const raw: { seq: Sequence; depth: number; name: string }[] = [];
  for (let depth = 1; depth <= maxDepth; depth++) {
    for (const p of patterns) {
      if (p.stage !== 'depth') continue;
      const params = p.params.parse({}) as { maxDepth?: number };
      const L = Math.min(depth, params.maxDepth ?? depth);
      for (const seq of p.generate(opportunities, params, call({ cash, L }))) raw.push({ seq, depth, name: p.name });
    }
  }
  const seen = new Set<string>();
  return raw.filter(({ seq }) => {
    if (new Set(seq.map((c) => c.symbol)).size !== seq.length) return false;
    const key = seq.map((c: ActionCandidate) => `${c.symbol}|${c.side}`).join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

describe('driver-level worked example (spec §6)', () => {
  it('reproduces the surviving list in order', () => {
    const out = drive(fixtureF(), 1000, 3);
    expect(out.map(({ depth, name, seq }) => [depth, name, labels([seq])[0]!.join(', ')])).toEqual([
      [1, 'direct_buy', 'B:AD1'],
      [1, 'profit_taking', 'S:PT1'],
      [1, 'rebalance', 'S:RS1'],
      [1, 'single_best', 'B:OB1'],
      [2, 'direct_buy', 'B:AD1, B:AD2'],
      [2, 'profit_taking', 'S:PT1, S:PT2'],
      [2, 'rebalance', 'S:RS1, B:RB1'],
      [2, 'mixed_strategy', 'S:PT1, B:AD1'],
      [3, 'profit_taking', 'S:PT1, S:PT2, B:AD1'],
      [3, 'rebalance', 'S:RS1, B:RB1, B:RB2'],
      [3, 'multi_sell', 'S:PT1, S:PT2, S:RS1'],
      [3, 'mixed_strategy', 'S:PT1, B:AD1, B:AD2'],
    ]);
    const sums = out.map(({ seq }) => seq.reduce((s, c) => s + c.priority, 0));
    expect(sums.map((s) => Math.round(s * 100) / 100)).toEqual([0.5, 0.9, 0.7, 0.95, 0.9, 1.5, 1.5, 1.4, 2.0, 1.8, 2.2, 1.8]);
  });

  it('lists the thirteen patterns in canonical order, adaptive and market_regime once', () => {
    expect(patterns.map((p) => [p.name, p.stage])).toEqual([
      ['direct_buy', 'depth'],
      ['profit_taking', 'depth'],
      ['rebalance', 'depth'],
      ['averaging_down', 'depth'],
      ['single_best', 'depth'],
      ['multi_sell', 'depth'],
      ['mixed_strategy', 'depth'],
      ['opportunity_first', 'depth'],
      ['deep_rebalance', 'depth'],
      ['cash_generation', 'depth'],
      ['cost_optimized', 'depth'],
      ['adaptive', 'once'],
      ['market_regime', 'once'],
    ]);
  });
});
