import type { Side, Trade, TradeDates } from '@planner/contracts';
import { cutoffIso } from './naive-time.js';

/**
 * Last trade strings per symbol. The reference takes `MAX(executed_at)` over
 * text, so the latest is the lexicographically largest string.
 */
export function collectTradeDates(trades: readonly Trade[]): Map<string, TradeDates> {
  const out = new Map<string, TradeDates>();
  for (const t of trades) {
    // Updated in place: each entry is this function's own object, and a copy
    // per trade (`{ ...prev }`) took V8's slow path (same keys in the same order).
    let dates = out.get(t.symbol) as { lastBuy?: string; lastSell?: string; last?: string } | undefined;
    if (dates === undefined) {
      dates = {};
      out.set(t.symbol, dates);
    }
    if (t.side === 'BUY' && (dates.lastBuy === undefined || t.at > dates.lastBuy)) dates.lastBuy = t.at;
    if (t.side === 'SELL' && (dates.lastSell === undefined || t.at > dates.lastSell)) dates.lastSell = t.at;
    if (dates.last === undefined || t.at > dates.last) dates.last = t.at;
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
