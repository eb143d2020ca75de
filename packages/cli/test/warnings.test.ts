import { parseSnapshot } from '@planner/context';
import type { PlannerConfig } from '@planner/contracts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { warningsFor } from '../src/io.js';

const snapshot = parseSnapshot(readFileSync(new URL('../examples/portfolio.json', import.meta.url), 'utf8'));
const config = {
  warnings: ['correlation_aware filter needs correlation data (priceHistory in the snapshot); without it it removes nothing', 'other'],
} as unknown as PlannerConfig;

describe('warningsFor', () => {
  it('keeps the correlation warning without price history and drops it with history', () => {
    expect(warningsFor(config, snapshot)).toHaveLength(2);
    const withHistory = { ...snapshot, priceHistory: { 'TTE.EU': [1, 2, 3] } };
    expect(warningsFor(config, withHistory)).toEqual(['other']);
  });
});
