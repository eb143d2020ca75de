import { daysBetween, parseNaiveMs } from '@planner/context';
import { defineFilter } from '@planner/contracts';
import type { Sequence, TradeDates } from '@planner/contracts';
import * as z from 'zod/mini';

export const recentlyTradedParams = z.object({
  buyCooldownDays: z._default(z.int().check(z.minimum(0), z.maximum(365)), 30),
  sellCooldownDays: z._default(z.int().check(z.minimum(0), z.maximum(365)), 180),
  enforceBuyCooldown: z._default(z.boolean(), true),
  enforceSellCooldown: z._default(z.boolean(), true),
});

/** Param descriptions for `planner modules` and the JSON Schema (kept off zod's global registry). */
const recentlyTradedParamDocs = {
  buyCooldownDays: 'days after a buy before the symbol may be bought again',
  sellCooldownDays: 'days after a sell before the symbol may be sold again',
};

export interface CooldownRules {
  readonly buyCooldownDays: number;
  readonly sellCooldownDays: number;
  readonly enforceBuyCooldown: boolean;
  readonly enforceSellCooldown: boolean;
}

/** Whole days since `date`; null when absent or unparseable (spec §7.2: treated as missing). */
function daysSince(date: string | undefined, asOfMs: number): number | null {
  if (!date) return null;
  const ms = parseNaiveMs(date);
  return ms === null ? null : daysBetween(asOfMs, ms);
}

/**
 * Keeps the sequences that buy nothing bought within the buy cooldown and
 * sell nothing sold within the sell cooldown (spec §8.2).
 */
export function filterRecentlyTraded(
  sequences: readonly Sequence[],
  history: ReadonlyMap<string, TradeDates>,
  rules: CooldownRules,
  asOfMs: number,
): Sequence[] {
  // Days per symbol and side, computed once: many sequences share symbols.
  const buyDays = new Map<string, number | null>();
  const sellDays = new Map<string, number | null>();
  const days = (cache: Map<string, number | null>, symbol: string, side: 'lastBuy' | 'lastSell') => {
    let d = cache.get(symbol);
    if (d === undefined) {
      d = daysSince(history.get(symbol)?.[side], asOfMs);
      cache.set(symbol, d);
    }
    return d;
  };
  const actionOk = (side: 'BUY' | 'SELL', symbol: string): boolean => {
    if (side === 'BUY') {
      if (!rules.enforceBuyCooldown) return true;
      const d = days(buyDays, symbol, 'lastBuy');
      return d === null || d >= rules.buyCooldownDays;
    }
    if (!rules.enforceSellCooldown) return true;
    const d = days(sellDays, symbol, 'lastSell');
    return d === null || d >= rules.sellCooldownDays;
  };
  return sequences.filter((seq) => seq.every((a) => actionOk(a.side, a.symbol)));
}

/** Drops sequences that would churn a recently traded symbol. */
export const recentlyTraded = defineFilter({
  name: 'recently_traded',
  description: 'Drops sequences buying a symbol inside its buy cooldown or selling one inside its sell cooldown',
  params: recentlyTradedParams,
  paramDocs: recentlyTradedParamDocs,
  order: 400,
  enabledByDefault: true,
  filter(sequences, params, call) {
    return filterRecentlyTraded(sequences, call.ctx.tradeDates, params, call.ctx.asOfMs);
  },
});
