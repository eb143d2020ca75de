import type {
  ActionCandidate,
  OpportunitiesByCategory,
  OpportunityContext,
  PositionView,
  RandomSource,
  Security,
  Sequence,
  SequenceGeneratorInput,
} from '@planner/contracts';

export function buy(symbol: string, priority = 0.5, extra: Partial<ActionCandidate> = {}): ActionCandidate {
  return candidate('BUY', symbol, priority, extra);
}

export function sell(symbol: string, priority = 0.5, extra: Partial<ActionCandidate> = {}): ActionCandidate {
  return candidate('SELL', symbol, priority, extra);
}

function candidate(side: 'BUY' | 'SELL', symbol: string, priority: number, extra: Partial<ActionCandidate>): ActionCandidate {
  return {
    side,
    symbol,
    name: `${symbol} Inc`,
    quantity: 10,
    price: 10,
    valueEur: 100,
    currency: 'EUR',
    priority,
    reason: side === 'BUY' ? 'Buy' : 'Sell',
    tags: [side.toLowerCase()],
    ...extra,
  };
}

export function security(symbol: string, country: string, industry: string): Security {
  return {
    symbol,
    name: symbol,
    productType: 'EQUITY',
    currency: 'EUR',
    price: 10,
    country,
    industry,
    allowBuy: true,
    allowSell: true,
    minLot: 1,
    priorityMultiplier: 1,
    metrics: {},
  };
}

export function symbols(sequences: Iterable<Sequence>): string[][] {
  return Array.from(sequences, (s) => s.map((a) => a.symbol));
}

/** Only the fields the generators read; the rest of the context is irrelevant to them. */
export function ctxWithPositions(held: readonly string[]): OpportunityContext {
  const positionsBySymbol = new Map<string, PositionView>();
  for (const s of held) {
    positionsBySymbol.set(s, { symbol: s, quantity: 1, avgPrice: 1, currency: 'EUR', markPrice: 1, marketValueEur: 1 });
  }
  return { positionsBySymbol } as unknown as OpportunityContext;
}

/** An RNG that fails the test when drawn from. */
export const noDraws: RandomSource = {
  random: () => {
    throw new Error('unexpected draw');
  },
  randint: () => {
    throw new Error('unexpected draw');
  },
  choices: () => {
    throw new Error('unexpected draw');
  },
  gauss: () => {
    throw new Error('unexpected draw');
  },
};

/** Counts calls and delegates to `inner`. */
export function countingRng(inner: RandomSource): RandomSource & { calls: number } {
  const r = {
    calls: 0,
    random: () => {
      r.calls++;
      return inner.random();
    },
    randint: (lo: number, hi: number) => {
      r.calls++;
      return inner.randint(lo, hi);
    },
    choices: <T>(pop: readonly T[], w: readonly number[], k: number) => {
      r.calls++;
      return inner.choices(pop, w, k);
    },
    gauss: (mu: number, sigma: number) => {
      r.calls++;
      return inner.gauss(mu, sigma);
    },
  };
  return r;
}

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
    rng: noDraws,
    ...extra,
  };
}
