import { daysBetween, parseNaiveMs } from '@planner/context';
import { defineFilter } from '@planner/contracts';
import type { OpportunityContext, Sequence } from '@planner/contracts';
import * as z from 'zod/mini';

export const eligibilityParams = z.object({
  minHoldDays: z.optional(z.int().check(z.minimum(0))),
  sellCooldownDays: z.optional(z.int().check(z.minimum(0))),
  maxLossThreshold: z.optional(z.number().check(z.minimum(-1), z.maximum(0))),
  enforceMinHold: z._default(z.boolean(), true),
  enforceCooldown: z._default(z.boolean(), true),
  enforceMaxLoss: z._default(z.boolean(), true),
});

/** Param descriptions for `planner modules` and the JSON Schema (kept off zod's global registry). */
const eligibilityParamDocs = {
  minHoldDays: 'absent = the planner min_hold_days',
  sellCooldownDays: 'absent = the planner sell_cooldown_days',
  maxLossThreshold: 'absent = the planner max_loss_threshold',
};

/** The per-symbol data the reference module reads from its params (spec §7.1). */
export interface EligibilityData {
  /** symbol -> naive epoch ms of the acquisition. */
  readonly acquiredMs: ReadonlyMap<string, number>;
  /** symbol -> naive epoch ms of the last sell. */
  readonly lastSellMs: ReadonlyMap<string, number>;
  /** symbol -> fractional return (−0.25 = −25 %). */
  readonly returns: ReadonlyMap<string, number>;
}

export interface EligibilityRules {
  readonly minHoldDays: number;
  readonly sellCooldownDays: number;
  readonly maxLossThreshold: number;
  readonly enforceMinHold: boolean;
  readonly enforceCooldown: boolean;
  readonly enforceMaxLoss: boolean;
}

/**
 * The data that makes the filter agree with the monolith's opportunity-stage
 * rule (spec §7.3, pipeline.md §5.1): only sellable positions of known
 * securities with trade history; both day checks use the last transaction of
 * either side; the loss uses the mark override, else the average price. An
 * unparseable date is missing (the check passes), the loss still applies.
 */
export function eligibilityDataFrom(ctx: OpportunityContext): EligibilityData {
  const acquiredMs = new Map<string, number>();
  const lastSellMs = new Map<string, number>();
  const returns = new Map<string, number>();
  for (const p of ctx.positions) {
    const sec = ctx.securitiesBySymbol.get(p.symbol);
    if (sec === undefined || !sec.allowSell) continue;
    const last = ctx.tradeDates.get(p.symbol)?.last;
    if (!last) continue;
    const ms = parseNaiveMs(last);
    if (ms !== null) {
      acquiredMs.set(p.symbol, ms);
      lastSellMs.set(p.symbol, ms);
    }
    // Python `current_price or avg_price`: 0 and absent both fall back.
    const price = p.currentPrice || p.avgPrice;
    returns.set(p.symbol, p.avgPrice > 0 ? (price - p.avgPrice) / p.avgPrice : 0);
  }
  return { acquiredMs, lastSellMs, returns };
}

/** Keeps the sequences whose every SELL passes hold, cooldown and loss (spec §7.2). */
export function filterIneligibleSells(
  sequences: readonly Sequence[],
  data: EligibilityData,
  rules: EligibilityRules,
  asOfMs: number,
): Sequence[] {
  const sellOk = (symbol: string): boolean => {
    if (rules.enforceMinHold) {
      const t = data.acquiredMs.get(symbol);
      if (t !== undefined && daysBetween(asOfMs, t) < rules.minHoldDays) return false;
    }
    if (rules.enforceCooldown) {
      const t = data.lastSellMs.get(symbol);
      if (t !== undefined && daysBetween(asOfMs, t) < rules.sellCooldownDays) return false;
    }
    if (rules.enforceMaxLoss) {
      const r = data.returns.get(symbol);
      if (r !== undefined && r < rules.maxLossThreshold) return false;
    }
    return true;
  };
  return sequences.filter((seq) => seq.every((a) => a.side !== 'SELL' || sellOk(a.symbol)));
}

/** Drops sequences selling before the minimum hold, inside the cooldown, or at a steep loss. */
export const eligibility = defineFilter({
  name: 'eligibility',
  description: 'Drops sequences with a sell that breaks the minimum hold, the sell cooldown or the maximum loss',
  params: eligibilityParams,
  paramDocs: eligibilityParamDocs,
  order: 300,
  enabledByDefault: true,
  sliderParams: { minHoldDays: 'min_hold_days' },
  filter(sequences, params, call) {
    const s = call.ctx.settings;
    const rules: EligibilityRules = {
      minHoldDays: params.minHoldDays ?? s.minHoldDays,
      sellCooldownDays: params.sellCooldownDays ?? s.sellCooldownDays,
      maxLossThreshold: params.maxLossThreshold ?? s.maxLossThreshold,
      enforceMinHold: params.enforceMinHold,
      enforceCooldown: params.enforceCooldown,
      enforceMaxLoss: params.enforceMaxLoss,
    };
    return filterIneligibleSells(sequences, eligibilityDataFrom(call.ctx), rules, call.ctx.asOfMs);
  },
});
