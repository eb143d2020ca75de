import * as z from 'zod';
import { parseNaiveMs } from './naive-time.js';

// The snapshot format of docs/scenarios/FORMAT.md. Objects are strict so a
// misspelt key is an error instead of a silently applied default.

/** A bucket id, as the bucket registry of @planner/store accepts it. */
export const BUCKET_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const bucketId = z.string().regex(BUCKET_ID, { message: 'expected a bucket id (1 to 64 letters, digits, _ . -)' });

const isoDateTime = z.string().refine((s) => parseNaiveMs(s) !== null, { message: 'expected an ISO-8601 date or date-time' });
const finite = z.number();

export const MetricsSchema = z.strictObject({
  cagr5y: finite.optional(),
  cagr10y: finite.optional(),
  dividendYield: finite.optional(),
  consistencyScore: finite.optional(),
  financialStrength: finite.optional(),
  dividendConsistency: finite.optional(),
  payoutRatio: finite.optional(),
  sortino: finite.optional(),
  volatilityAnnual: finite.optional(),
  maxDrawdown: finite.optional(),
  sharpe: finite.optional(),
});

export const SecuritySchema = z.strictObject({
  symbol: z.string().min(1),
  // the reference refuses a security without a name (issue 12)
  name: z.string().min(1),
  productType: z.enum(['EQUITY', 'ETF', 'ETC', 'MUTUALFUND']).default('EQUITY'),
  currency: z.string().min(1),
  price: z.number().min(0),
  country: z.string(),
  industry: z.string(),
  allowBuy: z.boolean().default(true),
  allowSell: z.boolean().default(true),
  minLot: z.int().min(1).default(1),
  priorityMultiplier: z.number().gt(0).default(1),
  qualityScore: z.number().min(0).max(1).optional(),
  metrics: MetricsSchema.default({}),
  // No default: a snapshot without buckets stays byte for byte what it was (absent = core).
  bucket: bucketId.optional(),
});

export const PositionSchema = z.strictObject({
  symbol: z.string().min(1),
  quantity: z.number().gt(0),
  avgPrice: z.number().gt(0),
  firstBoughtAt: isoDateTime.optional(),
  currentPrice: z.number().min(0).optional(),
});

export const TradeSchema = z.strictObject({
  symbol: z.string().min(1),
  side: z.enum(['BUY', 'SELL']),
  at: isoDateTime,
});

const weight = z.number().min(0);
const weights = z.record(z.string(), weight);
const members = z.array(z.string());
// negative cash is a debt the planner cannot model (issue 12)
const cashAmount = finite.min(0);
// A rate outside this range is a unit mistake, and a subnormal one makes every EUR value infinite.
const fxRate = z.number().min(1e-6).max(1e9);
const closes = z.array(finite);
const balances = z.record(z.string(), z.number().min(0));

/** The value schema of each record keyed by user names (by dotted path), for keys zod's records skip. */
export const RECORD_VALUES: Readonly<Record<string, z.ZodType>> = {
  cash: cashAmount, fxRates: fxRate, targetWeights: weight, priceHistory: closes, bucketCash: balances,
  'targets.countries': weight, 'targets.industries': weight, 'targets.countryGroups': members, 'targets.industryGroups': members,
};

export const TargetsSchema = z.strictObject({
  countries: weights.default({}),
  industries: weights.default({}),
  countryGroups: z.record(z.string(), members).default({}),
  industryGroups: z.record(z.string(), members).default({}),
});

export const SnapshotSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  seed: z.int().optional(),
  asOf: isoDateTime,
  baseCurrency: z.literal('EUR'),
  cash: z.record(z.string(), cashAmount).default({}),
  fxRates: z.record(z.string(), fxRate),
  minCashReserve: z.number().min(0).default(0),
  securities: z.array(SecuritySchema),
  positions: z.array(PositionSchema).default([]),
  targets: TargetsSchema,
  targetWeights: weights.optional(),
  recentTrades: z.array(TradeSchema).default([]),
  priceHistory: z.record(z.string(), closes).optional(),
  // Bucket id -> currency -> balance; ids and currencies are checked across fields.
  bucketCash: z.record(z.string(), balances).optional(),
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
