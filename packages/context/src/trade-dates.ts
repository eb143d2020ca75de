import type { Side, Trade, TradeDates } from '@planner/contracts';
import { cutoffIso } from './naive-time.js';

/**
 * Last trade strings per symbol. The reference takes `MAX(executed_at)` over
 * text, so the latest is the lexicographically largest string.
 */
export function collectTradeDates(trades: readonly Trade[]): Map<string, TradeDates> {
  const out = new Map<string, TradeDates>();
  for (const t of trades) {
    const prev = out.get(t.symbol) ?? {};
    const next: { lastBuy?: string; lastSell?: string; last?: string } = { ...prev };
    if (t.side === 'BUY' && (prev.lastBuy === undefined || t.at > prev.lastBuy)) next.lastBuy = t.at;
    if (t.side === 'SELL' && (prev.lastSell === undefined || t.at > prev.lastSell)) next.lastSell = t.at;
    if (prev.last === undefined || t.at > prev.last) next.last = t.at;
    out.set(t.symbol, next);
  }
  return out;
}

/**
 * Symbols with a `side` trade within `days` of now: the reference compares
 * the stored strings with `(now - timedelta(days)).isoformat()` as text
 * (`executed_at >= cutoff`), which this reproduces exactly.
 */
export function symbolsTradedWithin(trades: readonly Trade[], side: Side, asOfMs: number, days: number): Set<string> {
  const out = new Set<string>();
  // The cutoff text only once a trade of this side needs it (many snapshots have none).
  let cutoff: string | undefined;
  for (const t of trades) {
    if (t.side !== side) continue;
    cutoff ??= cutoffIso(asOfMs, days);
    if (t.at >= cutoff) out.add(t.symbol);
  }
  return out;
}
