/** A trade direction. Compared by value everywhere. */
export type Side = 'BUY' | 'SELL';

export type ProductType = 'EQUITY' | 'ETF' | 'ETC' | 'MUTUALFUND';

/** Historical metrics of a security, fractions not percent. A missing key means "unknown". */
export interface SecurityMetrics {
  readonly cagr5y?: number;
  readonly cagr10y?: number;
  readonly dividendYield?: number;
  readonly consistencyScore?: number;
  readonly financialStrength?: number;
  readonly dividendConsistency?: number;
  readonly payoutRatio?: number;
  readonly sortino?: number;
  readonly volatilityAnnual?: number;
  readonly maxDrawdown?: number;
  readonly sharpe?: number;
}

export interface Security {
  readonly symbol: string;
  readonly name: string;
  readonly productType: ProductType;
  /** Quote currency. */
  readonly currency: string;
  /** Current quote in the security's own currency; `0` means "no quote". */
  readonly price: number;
  readonly country: string;
  readonly industry: string;
  readonly allowBuy: boolean;
  readonly allowSell: boolean;
  /** Board lot, integer >= 1. */
  readonly minLot: number;
  readonly priorityMultiplier: number;
  /** Quality 0..1; absent means unknown (read as 0.5). */
  readonly qualityScore?: number;
  readonly metrics: SecurityMetrics;
  /**
   * The bucket the security belongs to (pipeline.md §7.1); absent means `core`.
   * Its position and its trades belong to the same bucket.
   */
  readonly bucket?: string;
}

export interface Position {
  readonly symbol: string;
  readonly quantity: number;
  /** Average cost per share, native currency. */
  readonly avgPrice: number;
  /** ISO date-time of the first purchase. */
  readonly firstBoughtAt?: string;
  /** Mark price override, native currency. */
  readonly currentPrice?: number;
}

export interface Trade {
  readonly symbol: string;
  readonly side: Side;
  /** Naive UTC `YYYY-MM-DDTHH:MM:SS`. */
  readonly at: string;
}

/**
 * Group targets, each Map in file order: it is the order the calculators
 * read them in, and the last group naming a country or industry wins. Maps,
 * not objects, because an object lists digit-only keys (`"10"`) first.
 */
export interface Targets {
  readonly countries: ReadonlyMap<string, number>;
  readonly industries: ReadonlyMap<string, number>;
  readonly countryGroups: ReadonlyMap<string, readonly string[]>;
  readonly industryGroups: ReadonlyMap<string, readonly string[]>;
}

/** The validated portfolio snapshot (`docs/scenarios/FORMAT.md`). Array order is significant. */
export interface PortfolioSnapshot {
  readonly name?: string;
  readonly description?: string;
  /** ISO-8601 planning clock. */
  readonly asOf: string;
  readonly baseCurrency: string;
  readonly seed?: number;
  /**
   * Cash balances in native units per currency, in file order: they are
   * summed in that order, as the reference sums its dict (a floating-point
   * sum depends on it, and a JavaScript object would list a digit-only code first).
   */
  readonly cash: ReadonlyMap<string, number>;
  /** Units of a currency per 1 unit of the base currency. */
  readonly fxRates: Readonly<Record<string, number>>;
  readonly minCashReserve: number;
  readonly securities: readonly Security[];
  readonly positions: readonly Position[];
  readonly targets: Targets;
  /** Optimizer target weights per symbol, in file order (the order weight gaps are computed in). */
  readonly targetWeights?: ReadonlyMap<string, number>;
  readonly recentTrades: readonly Trade[];
  /** Symbol -> daily closes, oldest first, native currency. */
  readonly priceHistory?: Readonly<Record<string, readonly number[]>>;
  /**
   * Virtual cash balances per bucket and currency (pipeline.md §7.1). When
   * present, a bucket's cash is its entry (none when it has no entry); when
   * absent, each bucket holds its registered `share` of every `cash` balance.
   * Buckets and balances in file order, as `cash`.
   */
  readonly bucketCash?: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** One proposed trade. Two candidates are equal when every field is equal (tags in order). */
export interface ActionCandidate {
  readonly side: Side;
  readonly symbol: string;
  readonly name: string;
  /** Whole units. */
  readonly quantity: number;
  /** Price per unit in the trading currency. */
  readonly price: number;
  /** Trade value in the base currency (EUR). */
  readonly valueEur: number;
  readonly currency: string;
  readonly priority: number;
  readonly reason: string;
  readonly tags: readonly string[];
}

/** An ordered list of actions, executed in order. */
export type Sequence = readonly ActionCandidate[];

/** The five categories patterns read. */
export type OpportunityCategory =
  | 'profit_taking'
  | 'averaging_down'
  | 'opportunity_buys'
  | 'rebalance_sells'
  | 'rebalance_buys';

export const OPPORTUNITY_CATEGORIES: readonly OpportunityCategory[] = [
  'profit_taking',
  'averaging_down',
  'opportunity_buys',
  'rebalance_sells',
  'rebalance_buys',
];

/** Candidates per category, each list sorted by priority descending. A missing key is an empty list. */
export type OpportunitiesByCategory = Readonly<Partial<Record<OpportunityCategory, readonly ActionCandidate[]>>>;
