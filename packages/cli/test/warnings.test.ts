import { parseSnapshot } from '@planner/context';
import { parseConfig } from '@planner/config';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { warningsFor } from '../src/io.js';
import { standardModules } from '../src/modules.js';

const modules = standardModules();
const snapshot = parseSnapshot(readFileSync(new URL('../examples/portfolio.json', import.meta.url), 'utf8'));
const config = parseConfig('[planner]\nenable_diverse_selection = false\n', { modules });
const correlation = 'correlation_aware filter needs correlation data (priceHistory in the snapshot); without it it removes nothing';

describe('warningsFor', () => {
  it('keeps the correlation warning without price history and drops it with history, keeping the others', () => {
    expect(config.warnings).toContain(correlation);
    const without = { ...snapshot, priceHistory: undefined };
    expect(warningsFor(config, without, modules)).toEqual(config.warnings);
    const withHistory = { ...snapshot, priceHistory: { 'TTE.EU': [1, 2, 3] } };
    const kept = warningsFor(config, withHistory, modules);
    expect(kept).not.toContain(correlation);
    expect(kept).toEqual(config.warnings.filter((w) => w !== correlation));
    expect(kept.some((w) => w.startsWith('diversity filter'))).toBe(true);
  });
});
