import type {
  ActionCandidate,
  OpportunitiesByCategory,
  OpportunityContext,
  PatternCall,
  PatternGenerator,
  PortfolioContext,
  Security,
  Sequence,
} from '@planner/contracts';
import { buy, opportunityContext, portfolioContext, sell, security as kitSecurity } from '@planner/testkit';

/** A SELL candidate (spec notation S(sym, v, p)). */
export function S(symbol: string, valueEur: number, priority: number, extra: Partial<ActionCandidate> = {}): ActionCandidate {
  return sell(symbol, { name: `${symbol} Inc`, price: valueEur, valueEur, priority, tags: ['sell'], ...extra });
}

/** A BUY candidate (spec notation B(sym, v, p)). */
export function B(symbol: string, valueEur: number, priority: number, extra: Partial<ActionCandidate> = {}): ActionCandidate {
  return buy(symbol, { name: `${symbol} Inc`, price: valueEur, valueEur, priority, tags: ['buy'], ...extra });
}

/** Fixture F of spec modules-patterns.md §4 (fresh objects on every call). */
export function fixtureF() {
  return {
    profit_taking: [S('PT1', 1000, 0.9), S('PT2', 500, 0.6)],
    rebalance_sells: [S('RS1', 800, 0.7)],
    averaging_down: [B('AD1', 600, 0.5), B('AD2', 300, 0.4)],
    rebalance_buys: [B('RB1', 700, 0.8), B('RB2', 200, 0.3)],
    opportunity_buys: [B('OB1', 900, 0.95), B('OB2', 400, 0.65)],
  } satisfies OpportunitiesByCategory;
}

export const security = (symbol: string, country = '', industry = ''): Security =>
  kitSecurity(symbol, { price: 10, country, industry });

export { portfolioContext };

/** A minimal OpportunityContext: only `portfolio` and `securitiesBySymbol` matter to patterns. */
export function context(portfolio: PortfolioContext = portfolioContext(), securities: readonly Security[] = []): OpportunityContext {
  return opportunityContext({
    securities,
    asOf: '2024-01-01T00:00:00',
    overrides: {
      portfolio,
      totalPortfolioValueEur: portfolio.totalValue,
      countryToGroup: portfolio.countryToGroup,
      countryWeights: portfolio.countryWeights,
      baseTradeAmountEur: 250,
    },
  });
}

export interface CallOptions {
  cash?: number;
  L?: number;
  cap?: number;
  regime?: PatternCall['marketRegime'];
  ctx?: OpportunityContext;
}

const DEFAULT_CTX = context();

export function call(o: CallOptions = {}): PatternCall {
  return {
    ctx: o.ctx ?? DEFAULT_CTX,
    availableCashEur: o.cash ?? 0,
    maxDepth: o.L ?? 5,
    maxOpportunitiesPerCategory: o.cap ?? 10,
    marketRegime: o.regime ?? 'sideways',
  };
}

/** Runs a pattern with default params. */
export function run(pattern: PatternGenerator, opportunities: OpportunitiesByCategory, o: CallOptions = {}): Sequence[] {
  return pattern.generate(opportunities, pattern.params.parse({}), call(o));
}

/** `S:PT1`-style labels, the notation of the spec's examples. */
export function labels(sequences: readonly Sequence[]): string[][] {
  return sequences.map((seq) => seq.map((c) => `${c.side === 'BUY' ? 'B' : c.side === 'SELL' ? 'S' : '?'}:${c.symbol}`));
}

/** Shortcut: run and label. */
export function gen(pattern: PatternGenerator, opportunities: OpportunitiesByCategory, o: CallOptions = {}): string[][] {
  return labels(run(pattern, opportunities, o));
}
