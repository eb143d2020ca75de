import { ConfigError, SnapshotError } from '@planner/contracts';
import type { InputIssue, PortfolioSnapshot, Position, Security } from '@planner/contracts';
import type { BucketRecord } from '@planner/store';

/** The bucket of a security without a `bucket` field (pipeline.md §7.1). */
export const CORE_BUCKET = 'core';

/** Shares may add up to 1 plus this much (sums of decimal fractions such as 0.7 + 0.2 + 0.1). */
const SHARE_TOLERANCE = 1e-9;

export const bucketOf = (security: Security): string => security.bucket ?? CORE_BUCKET;

/** What a bucket holds of the portfolio's cash. */
export interface BucketCash {
  /** Native balances per currency, in the order of the snapshot's `bucketCash` entry or `cash` (the order they are summed in). */
  readonly balances: ReadonlyMap<string, number>;
  /** The balances in EUR. */
  readonly eur: number;
  /** The bucket's part of `minCashReserve`: the reserve times its part of the portfolio's cash (EUR). */
  readonly reserve: number;
}

/** Units of `currency` per EUR; EUR, unknown currencies and non-positive rates read as 1 (as @planner/context does). */
export function rateOf(fxRates: Readonly<Record<string, number>>, currency: string): number {
  if (currency === 'EUR') return 1;
  const r = Object.hasOwn(fxRates, currency) ? fxRates[currency] : undefined;
  return r !== undefined && r > 0 ? r : 1;
}

function eurOf(balances: ReadonlyMap<string, number>, fxRates: Readonly<Record<string, number>>): number {
  let eur = 0;
  for (const [currency, amount] of balances) eur += amount / rateOf(fxRates, currency);
  return eur;
}

/**
 * Each bucket's cash (the rule of the snapshot format): with `bucketCash` in
 * the snapshot, a bucket holds its entry there (nothing without one);
 * without it, a bucket holds its registered `share` of every `cash` balance.
 * The cash reserve is split in proportion to the cash each bucket holds.
 */
export function allocateBucketCash(
  snapshot: PortfolioSnapshot, buckets: readonly Pick<BucketRecord, 'id' | 'share'>[],
): Map<string, BucketCash> {
  const portfolioEur = eurOf(snapshot.cash, snapshot.fxRates);
  const out = new Map<string, BucketCash>();
  for (const b of buckets) {
    const balances = new Map<string, number>();
    if (snapshot.bucketCash) {
      for (const [currency, amount] of snapshot.bucketCash.get(b.id) ?? []) balances.set(currency, amount);
    } else {
      for (const [currency, amount] of snapshot.cash) balances.set(currency, amount * b.share);
    }
    const eur = eurOf(balances, snapshot.fxRates);
    const reserve = portfolioEur > 0 ? snapshot.minCashReserve * Math.min(1, eur / portfolioEur) : 0;
    out.set(b.id, { balances, eur, reserve });
  }
  return out;
}

/** A position's market value in EUR, priced as the planner prices it (its `currentPrice`, else the security's price). */
export function positionValueEur(position: Position, security: Security, fxRates: Readonly<Record<string, number>>): number {
  return (position.quantity * (position.currentPrice ?? security.price)) / rateOf(fxRates, security.currency);
}

/** The EUR value of every position, by symbol. */
export function positionValues(snapshot: PortfolioSnapshot): Map<string, number> {
  const bySymbol = new Map(snapshot.securities.map((s) => [s.symbol, s]));
  const out = new Map<string, number>();
  for (const p of snapshot.positions) {
    const s = bySymbol.get(p.symbol);
    if (s) out.set(p.symbol, positionValueEur(p, s, snapshot.fxRates));
  }
  return out;
}

function pick<T>(record: Readonly<Record<string, T>> | undefined, keep: ReadonlySet<string>): Record<string, T> | undefined {
  if (record === undefined) return undefined;
  return Object.fromEntries(Object.entries(record).filter(([k]) => keep.has(k)));
}

/**
 * The part of the portfolio a bucket plans (pipeline.md §7.5 steps 2-3): its
 * securities, the positions in them, the trades of them, its cash and its
 * part of the reserve. Targets stay the portfolio's; target weights and
 * price histories keep the bucket's symbols only.
 */
export function sliceSnapshot(snapshot: PortfolioSnapshot, bucketId: string, cash: BucketCash): PortfolioSnapshot {
  const securities = snapshot.securities.filter((s) => bucketOf(s) === bucketId);
  const symbols = new Set(securities.map((s) => s.symbol));
  const { bucketCash: _all, targetWeights, priceHistory, ...rest } = snapshot;
  const weights = targetWeights === undefined ? undefined : new Map([...targetWeights].filter(([k]) => symbols.has(k)));
  const history = pick(priceHistory, symbols);
  return {
    ...rest,
    cash: cash.balances,
    minCashReserve: cash.reserve,
    securities,
    positions: snapshot.positions.filter((p) => symbols.has(p.symbol)),
    recentTrades: snapshot.recentTrades.filter((t) => symbols.has(t.symbol)),
    ...(weights === undefined ? {} : { targetWeights: weights }),
    ...(history === undefined ? {} : { priceHistory: history }),
  };
}

/** `bucketCash.core`, `bucketCash["momentum-1"]`: the path style of @planner/context's messages. */
const keyPath = (root: string, key: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${root}.${key}` : `${root}[${JSON.stringify(key)}]`;

function sharesText(buckets: readonly Pick<BucketRecord, 'id' | 'share'>[]): string {
  return buckets.map((b) => `${b.id} ${b.share}`).join(' + ');
}

/** A ConfigError when the buckets' shares add up to more than 1. */
export function checkShares(buckets: readonly Pick<BucketRecord, 'id' | 'share'>[], path = 'share'): void {
  const sum = buckets.reduce((s, b) => s + b.share, 0);
  if (sum > 1 + SHARE_TOLERANCE) {
    throw new ConfigError([{
      path,
      message: `expected the buckets' shares to add up to at most 1, found ${Number(sum.toPrecision(12))} (${sharesText(buckets)})`,
    }]);
  }
}

/**
 * Checks a snapshot against the registered buckets: every security's bucket
 * and every `bucketCash` entry must name one. Throws a SnapshotError naming
 * each path and value.
 */
export function checkSnapshotBuckets(
  snapshot: PortfolioSnapshot, buckets: readonly Pick<BucketRecord, 'id'>[], source?: string,
): void {
  const ids = new Set(buckets.map((b) => b.id));
  const known = buckets.map((b) => b.id).join(', ') || '(none registered)';
  const issues: InputIssue[] = [];
  snapshot.securities.forEach((s, i) => {
    if (ids.has(bucketOf(s))) return;
    const found = s.bucket === undefined
      ? `nothing (a security without "bucket" belongs to ${CORE_BUCKET}, which is not registered)`
      : JSON.stringify(s.bucket);
    issues.push({ path: `securities[${i}].bucket`, message: `expected one of the buckets ${known}, found ${found}` });
  });
  for (const id of snapshot.bucketCash?.keys() ?? []) {
    if (!ids.has(id)) issues.push({ path: keyPath('bucketCash', id), message: `expected one of the buckets ${known}, found ${JSON.stringify(id)}` });
  }
  if (issues.length > 0) throw new SnapshotError(issues, source);
}
