import type {
  ActionCandidate,
  OpportunitiesByCategory,
  OpportunityContext,
  RandomSource,
  Security,
  Sequence,
  SequenceGeneratorInput,
} from '@planner/contracts';
import { candidate, countingRng, noRandom, opportunityContext, positionView, security as kitSecurity } from '@planner/testkit';

/** 10 shares at 10 EUR (spec notation: a candidate of value 100). */
export const buy = (symbol: string, priority = 0.5, extra: Partial<ActionCandidate> = {}): ActionCandidate =>
  candidate('BUY', symbol, { name: `${symbol} Inc`, quantity: 10, price: 10, valueEur: 100, priority, reason: 'Buy', tags: ['buy'], ...extra });

export const sell = (symbol: string, priority = 0.5, extra: Partial<ActionCandidate> = {}): ActionCandidate =>
  candidate('SELL', symbol, { name: `${symbol} Inc`, quantity: 10, price: 10, valueEur: 100, priority, reason: 'Sell', tags: ['sell'], ...extra });

export const security = (symbol: string, country: string, industry: string): Security =>
  kitSecurity(symbol, { name: symbol, price: 10, country, industry });

export function symbols(sequences: Iterable<Sequence>): string[][] {
  return Array.from(sequences, (s) => s.map((a) => a.symbol));
}

/** A context holding one share of each of `held` (what the generators read of it). */
export function ctxWithPositions(held: readonly string[]): OpportunityContext {
  const positions = held.map((s) => positionView(s, 1, 1));
  return opportunityContext({ securities: [], overrides: { positions, positionsBySymbol: new Map(positions.map((p) => [p.symbol, p])) } });
}

export { countingRng, noRandom as noDraws };

export function depthInput(
  opportunities: OpportunitiesByCategory,
  depth: number,
  rng: RandomSource,
  extra: Partial<SequenceGeneratorInput> = {},
): SequenceGeneratorInput {
  return {
    ctx: ctxWithPositions([]),
    opportunities,
    sequences: [],
    depth,
    maxDepth: 5,
    availableCashEur: 0,
    priorityThreshold: 0.3,
    securitiesBySymbol: null,
    rng,
    ...extra,
  };
}

export function extendInput(
  sequences: readonly Sequence[],
  extra: Partial<SequenceGeneratorInput> = {},
): SequenceGeneratorInput {
  return {
    ctx: ctxWithPositions([]),
    opportunities: {},
    sequences,
    depth: 5,
    maxDepth: 5,
    availableCashEur: 0,
    priorityThreshold: 0.3,
    securitiesBySymbol: null,
    rng: noRandom,
    ...extra,
  };
}
