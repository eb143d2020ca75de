import { COMPAT_DEFAULTS } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { opportunityBuys } from '../src/opportunity-buys.js';
import { profitTaking } from '../src/profit-taking.js';
import { rebalanceSells } from '../src/rebalance-sells.js';
import { makeContext, pos, sec } from './fixtures.js';

// The reference writes `currency or "EUR"` on every candidate: a security or
// position without a currency (empty string) trades and reports as EUR.
describe('candidates of a security without a currency', () => {
  it('opportunity_buys reports the buy in EUR, sized at rate 1', () => {
    const ctx = makeContext({ securities: [sec('X', { price: 40, currency: '', qualityScore: 0.8 })] });
    const [buy] = opportunityBuys.calculate(ctx, opportunityBuys.params.parse({}));
    expect(buy).toMatchObject({ symbol: 'X', currency: 'EUR', quantity: 6, valueEur: 240 });
  });

  it('profit_taking reports the sell in EUR, valued at rate 1', () => {
    const ctx = makeContext({
      securities: [sec('X', { price: 200, currency: '', metrics: { cagr5y: 0 } })],
      positions: [pos('X', 10, 100)],
    });
    const [sell] = profitTaking.calculate(ctx, profitTaking.params.parse({}));
    expect(sell).toMatchObject({ symbol: 'X', side: 'SELL', currency: 'EUR' });
    expect(sell?.valueEur).toBe((sell?.quantity ?? 0) * 200);
  });

  it('rebalance_sells reports the sell in EUR, valued at rate 1', () => {
    const ctx = makeContext({
      securities: [sec('A', { country: 'US', currency: '' }), sec('B', { country: 'DE' })],
      positions: [pos('A', 60, 90), pos('B', 40, 90)],
      countryGroups: { US: ['US'], EU: ['DE'] },
      countryTargets: { US: 0.4, EU: 0.6 },
    });
    const executable = { ...ctx, compat: { ...COMPAT_DEFAULTS, valueEurNotFromQuantity: false } };
    const [sell] = rebalanceSells.calculate(executable, rebalanceSells.params.parse({}));
    expect(sell).toMatchObject({ symbol: 'A', currency: 'EUR', quantity: 18, valueEur: 1800 });
  });
});
