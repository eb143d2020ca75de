import * as z from 'zod/mini';
import { isBucketId, isIsoDateTime } from './snapshot-refinements.js';

export { BUCKET_ID } from './snapshot-refinements.js';

// The snapshot format of docs/scenarios/FORMAT.md. Objects are strict so a
// misspelt key is an error instead of a silently applied default. zod/mini
// (functions instead of methods) keeps the browser bundle small.

// A refinement, like isoDateTime, rather than z.regex: the same issue text, and
// the browser bundle needs no string-format check classes for this one field.
const bucketId = z.string().check(z.refine(isBucketId, { message: 'expected a bucket id (1 to 64 letters, digits, _ . -)' }));

const isoDateTime = z.string().check(z.refine(isIsoDateTime, { message: 'expected an ISO-8601 date or date-time' }));
const finite = z.number();
const nonEmpty = () => z.string().check(z.minLength(1));

export const MetricsSchema = z.strictObject({
  cagr5y: z.optional(finite),
  cagr10y: z.optional(finite),
  dividendYield: z.optional(finite),
  consistencyScore: z.optional(finite),
  financialStrength: z.optional(finite),
  dividendConsistency: z.optional(finite),
  payoutRatio: z.optional(finite),
  sortino: z.optional(finite),
  volatilityAnnual: z.optional(finite),
  maxDrawdown: z.optional(finite),
  sharpe: z.optional(finite),
});

export const SecuritySchema = z.strictObject({
  symbol: nonEmpty(),
  // the reference refuses a security without a name (issue 12)
  name: nonEmpty(),
  productType: z._default(z.enum(['EQUITY', 'ETF', 'ETC', 'MUTUALFUND']), 'EQUITY'),
  currency: nonEmpty(),
  price: z.number().check(z.minimum(0)),
  country: z.string(),
  industry: z.string(),
  allowBuy: z._default(z.boolean(), true),
  allowSell: z._default(z.boolean(), true),
  minLot: z._default(z.int().check(z.minimum(1)), 1),
  priorityMultiplier: z._default(z.number().check(z.gt(0)), 1),
  qualityScore: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
  metrics: z._default(MetricsSchema, {}),
  // No default: a snapshot without buckets stays byte for byte what it was (absent = core).
  bucket: z.optional(bucketId),
});

export const PositionSchema = z.strictObject({
  symbol: nonEmpty(),
  quantity: z.number().check(z.gt(0)),
  avgPrice: z.number().check(z.gt(0)),
  firstBoughtAt: z.optional(isoDateTime),
  currentPrice: z.optional(z.number().check(z.minimum(0))),
});

export const TradeSchema = z.strictObject({
  symbol: nonEmpty(),
  side: z.enum(['BUY', 'SELL']),
  at: isoDateTime,
});

const weight = z.number().check(z.minimum(0));
const weights = z.record(z.string(), weight);
const members = z.array(z.string());
// negative cash is a debt the planner cannot model (issue 12)
const cashAmount = finite.check(z.minimum(0));
// A rate outside this range is a unit mistake, and a subnormal one makes every EUR value infinite.
const fxRate = z.number().check(z.minimum(1e-6), z.maximum(1e9));
const closes = z.array(finite);
const balance = z.number().check(z.minimum(0));
const balances = z.record(z.string(), balance);

/**
 * The value schema of each record keyed by user names (by dotted path; `*` any
 * bucket id of bucketCash), for keys zod's records skip.
 */
export const RECORD_VALUES: Readonly<Record<string, z.ZodMiniType>> = {
  cash: cashAmount, fxRates: fxRate, targetWeights: weight, priceHistory: closes, bucketCash: balances, 'bucketCash.*': balance,
  'targets.countries': weight, 'targets.industries': weight, 'targets.countryGroups': members, 'targets.industryGroups': members,
};

export const TargetsSchema = z.strictObject({
  countries: z._default(weights, {}),
  industries: z._default(weights, {}),
  countryGroups: z._default(z.record(z.string(), members), {}),
  industryGroups: z._default(z.record(z.string(), members), {}),
});

export const SnapshotSchema = z.strictObject({
  name: z.optional(z.string()),
  description: z.optional(z.string()),
  seed: z.optional(z.int()),
  asOf: isoDateTime,
  // An enum of one, not z.literal: the same issue (invalid_value, values ['EUR']), one zod class fewer in a browser bundle.
  baseCurrency: z.enum(['EUR']),
  cash: z._default(z.record(z.string(), cashAmount), {}),
  fxRates: z.record(z.string(), fxRate),
  minCashReserve: z._default(z.number().check(z.minimum(0)), 0),
  securities: z.array(SecuritySchema),
  positions: z._default(z.array(PositionSchema), []),
  targets: TargetsSchema,
  targetWeights: z.optional(weights),
  recentTrades: z._default(z.array(TradeSchema), []),
  priceHistory: z.optional(z.record(z.string(), closes)),
  // Bucket id -> currency -> balance; ids and currencies are checked across fields.
  bucketCash: z.optional(z.record(z.string(), balances)),
});

export type SnapshotInput = z.input<typeof SnapshotSchema>;

/** Keys allowed per object kind, for "unknown key" messages. */
export const KNOWN_KEYS = {
  root: Object.keys(SnapshotSchema.shape),
  security: Object.keys(SecuritySchema.shape),
  metrics: Object.keys(MetricsSchema.shape),
  position: Object.keys(PositionSchema.shape),
  trade: Object.keys(TradeSchema.shape),
  targets: Object.keys(TargetsSchema.shape),
} as const;
