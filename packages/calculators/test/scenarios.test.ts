import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActionCandidate, ContextSettings } from '@planner/contracts';
import { buildContext, parseSnapshot } from '@planner/context';
import { describe, expect, it } from 'vitest';
import { calculators } from '../src/index.js';

// The shared reference scenarios: every step of a reference plan is an action
// some calculator proposed (unless constraint relaxation rescaled it), so with
// default params our calculators must propose exactly that action.
// The repository's copy of shared/scenarios lives with the CLI's parity tests.
const DIR = fileURLToPath(new URL('../../cli/test/scenarios/', import.meta.url));
const PRESET_RULES: Record<string, Pick<ContextSettings, 'minHoldDays' | 'sellCooldownDays' | 'maxLossThreshold'>> = {
  default: { minHoldDays: 90, sellCooldownDays: 180, maxLossThreshold: -0.2 },
  conservative: { minHoldDays: 120, sellCooldownDays: 240, maxLossThreshold: -0.15 },
  aggressive: { minHoldDays: 60, sellCooldownDays: 120, maxLossThreshold: -0.25 },
};

interface GoldenStep {
  side: string; symbol: string; quantity: number; price: number; currency: string; valueEur: number; reason: string; tags: string[];
}

const goldens = readdirSync(DIR).filter((f) => f.endsWith('.golden.json'));

describe('reference scenarios', () => {
  it('finds all 27 reference outputs', () => expect(goldens).toHaveLength(27));

  it.each(goldens)('%s: every unrelaxed step is a proposed candidate', (file) => {
    const golden = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { scenario: string; preset: string; steps: GoldenStep[] };
    const snapshot = parseSnapshot(readFileSync(join(DIR, `${golden.scenario}.input.json`), 'utf8'));
    const rules = PRESET_RULES[golden.preset];
    if (!rules) throw new Error(`unknown preset ${golden.preset}`);
    const ctx = buildContext(snapshot, {
      transactionCostFixed: 2, transactionCostPercent: 0.002, allowBuy: true, allowSell: true,
      buyCooldownDays: 30, minSecurityScore: 0.5, ...rules,
    });
    const proposed: ActionCandidate[] = calculators.flatMap((c) => c.calculate(ctx, c.params.parse({}) as never));
    for (const step of golden.steps) {
      if (step.reason.endsWith(' (relaxed)')) continue;
      const match = proposed.find(
        (c) => c.side === step.side && c.symbol === step.symbol && c.quantity === step.quantity && c.reason === step.reason,
      );
      expect(match, `${step.side} ${step.symbol} x${step.quantity} "${step.reason}"`).toBeDefined();
      expect(match?.price).toBeCloseTo(step.price, 6);
      expect(match?.currency).toBe(step.currency);
      expect(match?.tags).toEqual(step.tags);
      expect(match?.valueEur).toBeCloseTo(step.valueEur, 2);
    }
  });
});
