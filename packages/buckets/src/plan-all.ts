import type { ActionCandidate, Plan, PortfolioSnapshot } from '@planner/contracts';
import type { BucketKind, BucketRecord, BucketStatus } from '@planner/store';
import { calculateAggression, scaleActions } from './aggression.js';
import type { Aggression } from './aggression.js';
import { aggregatePlans } from './aggregate.js';
import type { BucketAction } from './aggregate.js';
import {
  allocateBucketCash, bucketOf, checkShares, checkSnapshotBuckets, positionValues, rateOf, sliceSnapshot,
} from './bucket-slice.js';
import type { BucketCash } from './bucket-slice.js';
import type { BucketService } from './bucket-service.js';
import { TRADING_STATUSES, whyNotPlanned } from './bucket-status.js';

/** One bucket, ready to be planned: its slice of the snapshot and what aggression needs. */
export interface PreparedBucket {
  readonly bucket: BucketRecord;
  readonly slice: PortfolioSnapshot;
  readonly cash: BucketCash;
  /** Positions + cash, EUR. */
  readonly valueEur: number;
  /** `share` of the portfolio's value (positions + cash, EUR): the target of DECISIONS #20. */
  readonly targetValueEur: number;
}

export interface BucketPlan {
  readonly id: string;
  readonly kind: BucketKind;
  readonly status: BucketStatus;
  readonly share: number;
  /** The bucket's cash as reported: its balances as an object (JSON), in the order JavaScript lists keys. */
  readonly cash: Omit<BucketCash, 'balances'> & { readonly balances: Readonly<Record<string, number>> };
  readonly valueEur: number;
  readonly targetValueEur: number;
  /** The stored high-water mark the drawdown was measured from (0 when none yet). */
  readonly highWaterMark: number;
  /** Satellites only. */
  readonly aggression: Aggression | null;
  /** Why the bucket was not planned; null when it was. */
  readonly skipped: string | null;
  /** The message of an error that stopped this bucket's planning (the other buckets are still planned). */
  readonly error: string | null;
  /** The bucket planner's plan of the slice, as it came (before aggression scaling). */
  readonly plan: Plan | null;
  /** The plan's steps as actions (priority 1.0), scaled by aggression for satellites. */
  readonly actions: readonly ActionCandidate[];
}

export interface AllBucketsPlan {
  /** Every position and all cash, EUR. */
  readonly portfolioValueEur: number;
  /** Core first, then the satellites in the order they were added. */
  readonly buckets: readonly BucketPlan[];
  /** Every bucket's actions, prefixed and tagged with the bucket (pipeline.md §7.5). */
  readonly aggregate: readonly BucketAction[];
}

export interface PlanBucketOptions {
  /** Overrides every bucket's configured seed. */
  readonly seed?: number;
}

export interface PlanAllOptions extends PlanBucketOptions {
  /** Plan the buckets one after the other instead of at the same time; the plans are the same. */
  readonly sequential?: boolean;
  /** Raise the planned buckets' stored high-water marks to their current values (default true). */
  readonly recordHighWaterMarks?: boolean;
  /** Names the snapshot in error messages. */
  readonly source?: string;
}

/** Core first, then the satellites in registry order (the reference's `ORDER BY type, created_at`). */
export function bucketOrder(buckets: readonly BucketRecord[]): BucketRecord[] {
  return [...buckets.filter((b) => b.kind === 'core'), ...buckets.filter((b) => b.kind !== 'core')];
}

/**
 * Checks the snapshot against the registered buckets (ids, shares) and cuts
 * it into one slice per bucket, with each bucket's cash, value and target.
 */
export function prepareBuckets(snapshot: PortfolioSnapshot, buckets: readonly BucketRecord[], source?: string): {
  readonly portfolioValueEur: number;
  readonly prepared: readonly PreparedBucket[];
} {
  checkShares(buckets, 'buckets');
  checkSnapshotBuckets(snapshot, buckets, source);
  const cash = allocateBucketCash(snapshot, buckets);
  const values = positionValues(snapshot);
  const bucketBySymbol = new Map(snapshot.securities.map((s) => [s.symbol, bucketOf(s)]));
  let portfolioValueEur = 0;
  for (const v of values.values()) portfolioValueEur += v;
  for (const [currency, amount] of snapshot.cash) portfolioValueEur += amount / rateOf(snapshot.fxRates, currency);
  const prepared = bucketOrder(buckets).map((bucket): PreparedBucket => {
    const c = cash.get(bucket.id) as BucketCash;
    let invested = 0;
    for (const [symbol, v] of values) if (bucketBySymbol.get(symbol) === bucket.id) invested += v;
    return {
      bucket, cash: c, slice: sliceSnapshot(snapshot, bucket.id, c),
      valueEur: invested + c.eur, targetValueEur: bucket.share * portfolioValueEur,
    };
  });
  return { portfolioValueEur, prepared };
}

function toActions(plan: Plan): ActionCandidate[] {
  return plan.steps.map((s) => ({
    side: s.side, symbol: s.symbol, name: s.name, quantity: s.quantity, price: s.price, valueEur: s.valueEur,
    currency: s.currency, priority: 1.0, reason: s.reason, tags: [...s.tags],
  }));
}

/**
 * Plans one prepared bucket (pipeline.md §7.5): not trading-allowed, no
 * securities or (satellites) hibernation → skipped; otherwise the bucket's
 * own cached planner plans its slice, and a satellite's actions are scaled
 * by its aggression. Reads nothing but the bucket's planner; writes nothing.
 */
export async function planPreparedBucket(service: BucketService, p: PreparedBucket, options: PlanBucketOptions = {}): Promise<BucketPlan> {
  const { bucket } = p;
  const highWaterMark = bucket.highWaterMark?.value ?? 0;
  const base = {
    id: bucket.id, kind: bucket.kind, status: bucket.status, share: bucket.share,
    cash: { balances: Object.fromEntries(p.cash.balances), eur: p.cash.eur, reserve: p.cash.reserve },
    valueEur: p.valueEur, targetValueEur: p.targetValueEur, highWaterMark,
  };
  const skip = (skipped: string, aggression: Aggression | null = null): BucketPlan =>
    ({ ...base, aggression, skipped, error: null, plan: null, actions: [] });
  const refused = whyNotPlanned(bucket);
  if (refused !== null) return skip(refused);
  if (p.slice.securities.length === 0) return skip(`no securities: none in the snapshot has "bucket": "${bucket.id}"`);
  const aggression = bucket.kind === 'core' ? null : calculateAggression(p.valueEur, p.targetValueEur, highWaterMark);
  if (aggression?.inHibernation) return skip(`hibernation: aggression 0 (limited by ${aggression.limitingFactor})`, aggression);
  try {
    const planner = await service.getPlanner(bucket.id);
    const plan = await planner.plan(p.slice, options.seed === undefined ? {} : { seed: options.seed });
    const bySymbol = new Map(p.slice.securities.map((s) => [s.symbol, s]));
    const actions = aggression === null ? toActions(plan) : scaleActions(toActions(plan), aggression.aggression, plan.availableCashEur, (a) => ({
      minLot: bySymbol.get(a.symbol)?.minLot ?? 1, rate: rateOf(p.slice.fxRates, a.currency),
    }));
    return { ...base, aggression, skipped: null, error: null, plan, actions };
  } catch (error) {
    // As the reference does, one failing bucket does not stop the others; the caller sees the error.
    return { ...base, aggression, skipped: null, error: error instanceof Error ? error.message : String(error), plan: null, actions: [] };
  }
}

/**
 * Plans every bucket of the registry on its own slice of the snapshot, with
 * its own planner (pipeline.md §7.5 `generate_plans_for_all_buckets`), then
 * aggregates the actions and raises each planned bucket's high-water mark to
 * its current value. The plans do not depend on the order the buckets are
 * planned in: each reads only its own slice and stored state.
 */
export async function planAllBuckets(service: BucketService, snapshot: PortfolioSnapshot, options: PlanAllOptions = {}): Promise<AllBucketsPlan> {
  const registered = await service.list();
  const { portfolioValueEur, prepared } = prepareBuckets(snapshot, registered, options.source);
  let buckets: BucketPlan[];
  if (options.sequential) {
    buckets = [];
    for (const p of prepared) buckets.push(await planPreparedBucket(service, p, options));
  } else {
    buckets = await Promise.all(prepared.map((p) => planPreparedBucket(service, p, options)));
  }
  if (options.recordHighWaterMarks !== false) {
    for (const b of buckets) {
      if (b.error === null && TRADING_STATUSES.includes(b.status)) await service.raiseHighWaterMark(b.id, b.valueEur, snapshot.asOf);
    }
  }
  return { portfolioValueEur, buckets, aggregate: aggregatePlans(buckets) };
}

