import type { InputIssue, PortfolioSnapshot } from '@planner/contracts';

/**
 * The values the planner derives from a valid snapshot must be finite: a
 * quantity or price near 1e308 passes every range check, yet its EUR value
 * overflows to Infinity and every score becomes NaN (issue 14).
 */
export function derivedIssues(s: PortfolioSnapshot): InputIssue[] {
  const issues: InputIssue[] = [];
  const rate = (c: string): number => (c !== 'EUR' && Object.hasOwn(s.fxRates, c) ? (s.fxRates[c] as number) : 1);
  const index = new Map(s.securities.map((x, i) => [x.symbol, i]));
  s.securities.forEach((x, i) => {
    const lot = (x.minLot * x.price) / rate(x.currency);
    if (!Number.isFinite(lot)) {
      issues.push({ path: `securities[${i}].price`, message: `expected a price whose lot value in EUR is finite (minLot × price / rate), found ${x.minLot} × ${x.price} / ${rate(x.currency)} = ${lot}` });
    }
  });
  let invested = 0;
  s.positions.forEach((p, i) => {
    const at = index.get(p.symbol);
    if (at === undefined) return;
    const security = s.securities[at]!;
    const price = p.currentPrice ?? security.price;
    const value = (p.quantity * price) / rate(security.currency);
    if (!Number.isFinite(value)) {
      issues.push({ path: `positions[${i}]`, message: `expected a market value in EUR that is finite (quantity × price / rate), found ${p.quantity} × ${price} / ${rate(security.currency)} = ${value}` });
    }
    const cost = p.quantity * p.avgPrice;
    if (!Number.isFinite(cost)) {
      issues.push({ path: `positions[${i}].avgPrice`, message: `expected a cost basis that is finite (quantity × avgPrice), found ${p.quantity} × ${p.avgPrice} = ${cost}` });
    }
    invested += value;
  });
  let cash = 0;
  for (const [currency, amount] of s.cash) cash += amount / rate(currency);
  if (!Number.isFinite(cash)) issues.push({ path: 'cash', message: `expected balances whose sum in EUR is finite, found a sum of ${cash}` });
  if (issues.length > 0) return issues;
  if (!Number.isFinite(invested)) {
    issues.push({ path: 'positions', message: `expected market values whose sum in EUR is finite, found a sum of ${invested}` });
  } else if (!Number.isFinite(invested + cash)) {
    issues.push({ path: '(root)', message: `expected a portfolio value in EUR (positions + cash) that is finite, found ${invested} + ${cash}` });
  }
  return issues;
}
