import type { PositionView, Security, TradeDates } from '@planner/contracts';
import { daysBetween, parseNaiveMs } from './naive-time.js';

export interface EligibilitySettings {
  readonly minHoldDays: number;
  readonly sellCooldownDays: number;
  readonly maxLossThreshold: number;
}

/**
 * Positions that may not be sold (pipeline.md §5.1, reference
 * `_compute_ineligible_symbols` + `check_sell_eligibility`). The mark price is
 * the reference Position's `current_price`; an unparseable date is eligible.
 */
export function computeIneligibleSymbols(
  positions: readonly PositionView[],
  securitiesBySymbol: ReadonlyMap<string, Security>,
  tradeDates: ReadonlyMap<string, TradeDates>,
  settings: EligibilitySettings,
  asOfMs: number,
): Set<string> {
  const out = new Set<string>();
  for (const p of positions) {
    const sec = securitiesBySymbol.get(p.symbol);
    if (!sec || !sec.allowSell) continue;
    const last = tradeDates.get(p.symbol)?.last;
    if (!last) continue;
    const price = p.markPrice || p.avgPrice;
    const profit = p.avgPrice > 0 ? (price - p.avgPrice) / p.avgPrice : 0;
    if (profit < settings.maxLossThreshold) {
      out.add(p.symbol);
      continue;
    }
    const at = parseNaiveMs(last);
    if (at === null) continue;
    const days = daysBetween(asOfMs, at);
    if (days < settings.minHoldDays || days < settings.sellCooldownDays) out.add(p.symbol);
  }
  return out;
}
