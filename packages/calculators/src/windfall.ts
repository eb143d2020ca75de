import { daysBetween, parseNaiveMs, pyFixed, pyRound } from '@planner/context';

// Constants of the reference's scoring/domain/constants.py (spec modules-calculators.md §2.3).
const WINDFALL_EXCESS_HIGH = 0.5;
const WINDFALL_EXCESS_MEDIUM = 0.25;
const WINDFALL_SELL_PCT_HIGH = 0.4;
const WINDFALL_SELL_PCT_MEDIUM = 0.2;
const CONSISTENT_DOUBLE_SELL_PCT = 0.3;
const DOUBLER_EXCESS = 0.3;

export interface WindfallInput {
  readonly currentPrice: number;
  readonly avgPrice: number;
  /** ISO date-time of the first purchase; absent, empty or unparseable means one year. */
  readonly firstBoughtAt?: string | undefined;
  readonly historicalCagr: number;
  /** The planning clock (naive epoch ms); the reference used the wall clock here. */
  readonly asOfMs: number;
  /**
   * Cut-off of the "medium windfall" sale. Default 0.25 (the reference's
   * constant); only the opt-in `applyWindfallThreshold` of profit_taking
   * replaces it, and only in the sell decision, not in the score.
   */
  readonly mediumExcess?: number | undefined;
}

/** A recommended sale; `null` from `windfallRecommendation` means "do not take profits". */
export interface WindfallSale {
  /** 0..1, rounded to 3 places like the reference. */
  readonly windfallScore: number;
  /** 50, 30, 40 or 20. */
  readonly suggestedSellPct: number;
  readonly reason: string;
}

function excessGain(gain: number, years: number, cagr: number): number {
  if (years <= 0 || cagr <= -1) return gain;
  return gain - ((1 + cagr) ** years - 1);
}

function yearsHeld(firstBoughtAt: string | undefined, asOfMs: number): number {
  if (!firstBoughtAt) return 1.0;
  const bought = parseNaiveMs(firstBoughtAt);
  if (bought === null) return 1.0;
  return Math.max(0.1, daysBetween(asOfMs, bought) / 365.0);
}

function windfallScore(excess: number): number {
  let score: number;
  if (excess >= WINDFALL_EXCESS_HIGH) score = 1.0;
  else if (excess >= WINDFALL_EXCESS_MEDIUM) {
    score = 0.5 + ((excess - WINDFALL_EXCESS_MEDIUM) / (WINDFALL_EXCESS_HIGH - WINDFALL_EXCESS_MEDIUM)) * 0.5;
  } else if (excess > 0) score = (excess / WINDFALL_EXCESS_MEDIUM) * 0.5;
  else score = 0.0;
  return pyRound(score, 3);
}

function sellDecision(gain: number, excess: number, mediumExcess: number): { pct: number; reason: string } | null {
  if (gain >= 1.0) {
    if (excess > DOUBLER_EXCESS) {
      return {
        pct: 0.5,
        reason: `Windfall doubler: ${pyFixed(gain * 100, 0)}% gain with ${pyFixed(excess * 100, 0)}% excess`,
      };
    }
    return {
      pct: CONSISTENT_DOUBLE_SELL_PCT,
      reason: `Consistent doubler: ${pyFixed(gain * 100, 0)}% gain, taking ${pyFixed(CONSISTENT_DOUBLE_SELL_PCT * 100, 0)}%`,
    };
  }
  if (excess >= WINDFALL_EXCESS_HIGH) {
    return { pct: WINDFALL_SELL_PCT_HIGH, reason: `High windfall: ${pyFixed(excess * 100, 0)}% above expected growth` };
  }
  if (excess >= mediumExcess) {
    return { pct: WINDFALL_SELL_PCT_MEDIUM, reason: `Medium windfall: ${pyFixed(excess * 100, 0)}% above expected growth` };
  }
  return null;
}

/**
 * The reference's `get_windfall_recommendation` (spec §2.3), pure: "now" is
 * the planning clock. The score uses the CAGR as given, the decision the CAGR
 * rounded to 4 places (the reference passes its rounded `details` value on).
 */
export function windfallRecommendation(input: WindfallInput): WindfallSale | null {
  const { currentPrice, avgPrice, historicalCagr } = input;
  if (avgPrice <= 0) return null;
  const gain = (currentPrice - avgPrice) / avgPrice;
  const years = yearsHeld(input.firstBoughtAt, input.asOfMs);
  // Math.pow is the costly part: most CAGRs already have at most 4 decimals, so both excesses are one.
  const roundedCagr = pyRound(historicalCagr, 4);
  const decisionExcess = excessGain(gain, years, roundedCagr);
  const decision = sellDecision(gain, decisionExcess, input.mediumExcess ?? WINDFALL_EXCESS_MEDIUM);
  if (decision === null) return null;
  const scoreExcess = roundedCagr === historicalCagr ? decisionExcess : excessGain(gain, years, historicalCagr);
  return { windfallScore: windfallScore(scoreExcess), suggestedSellPct: pyRound(decision.pct * 100, 0), reason: decision.reason };
}
