import { CommanderError } from 'commander';
import { ConfigError } from '@planner/contracts';
import type { ActionCandidate } from '@planner/contracts';
import type { AllBucketsPlan, BucketPlan } from '@planner/buckets';
import { pyFixed } from '@planner/context';
import type { Context } from '../context.js';
import { formatPlan, table } from '../format.js';
import { parseMaxInput, readSnapshot, warningsFor } from '../io.js';
import { openStore } from './store-options.js';
import type { StoreChoice } from './store-options.js';

export interface PlanBucketsOptions extends StoreChoice {
  readonly preset?: string;
  readonly config?: string;
  readonly json?: boolean;
  readonly maxInputMb?: string;
}

const eur = (n: number): string => pyFixed(n, 2);
const pct = (n: number, digits = 0): string => `${pyFixed(n * 100, digits)}%`;

function actionTable(actions: readonly (ActionCandidate & { bucket?: string })[], withBucket: boolean): string {
  const rows = actions.map((a, i) => [
    String(i + 1), ...(withBucket ? [a.bucket ?? ''] : []), a.side, a.symbol, String(a.quantity), `${pyFixed(a.price, 2)} ${a.currency}`,
    eur(a.valueEur), a.reason,
  ]);
  const header = ['#', ...(withBucket ? ['bucket'] : []), 'side', 'symbol', 'quantity', 'price', 'value EUR', 'reason'];
  const right = withBucket ? [0, 4, 5, 6] : [0, 3, 4, 5];
  return table(header, rows, new Set(right));
}

function bucketSection(b: BucketPlan, file: string): string {
  const out = [`== bucket ${b.id} (${b.kind}, ${b.status}, share ${b.share}) ==`];
  const balances = Object.entries(b.cash.balances).map(([c, v]) => `${c} ${eur(v)}`).join(', ') || 'none';
  out.push(`Cash: ${balances} (${eur(b.cash.eur)} EUR, reserve ${eur(b.cash.reserve)}); value ${eur(b.valueEur)} EUR (positions + cash)`);
  if (b.aggression) {
    const a = b.aggression;
    out.push(`Target: ${eur(b.targetValueEur)} EUR (share ${b.share} of the portfolio), funded ${pct(a.pctOfTarget, 1)}; `
      + `drawdown ${pct(a.drawdown, 1)} from high-water mark ${eur(b.highWaterMark)} EUR`);
    const limit = a.limitingFactor === 'equal' ? 'both agree' : `limited by ${a.limitingFactor}`;
    out.push(`Aggression: ${pct(a.aggression)} (allocation ${pct(a.allocationAggression)}, drawdown ${pct(a.drawdownAggression)}: ${limit})`);
  }
  if (b.error !== null) out.push(`error: ${b.error}`);
  else if (b.skipped !== null) out.push(`Not planned: ${b.skipped}`);
  else if (b.plan) {
    out.push('', formatPlan(b.plan, `${file} (bucket ${b.id})`).trimEnd());
    if (b.aggression && b.aggression.aggression < 1) {
      out.push('', b.actions.length > 0
        ? `Steps scaled by aggression ${pct(b.aggression.aggression)}:\n${actionTable(b.actions, false)}`
        : `Every step scaled to nothing by aggression ${pct(b.aggression.aggression)}.`);
    }
  }
  return out.join('\n');
}

/** The text of `planner plan --buckets`: each bucket's plan, then the aggregate. */
export function formatBucketPlans(result: AllBucketsPlan, file: string): string {
  const sections = [`Buckets of ${file}: portfolio value ${eur(result.portfolioValueEur)} EUR (positions + cash)`];
  for (const b of result.buckets) sections.push(bucketSection(b, file));
  sections.push(result.aggregate.length > 0
    ? `== aggregate: ${result.aggregate.length} action(s) of ${result.buckets.filter((b) => b.actions.length > 0).length} bucket(s) ==\n${actionTable(result.aggregate, true)}`
    : '== aggregate: no actions ==');
  return `${sections.join('\n\n')}\n`;
}

/** `planner plan <snapshot> --buckets --db FILE`: every trading bucket plans its own slice (pipeline.md §7.5). */
export async function planBuckets(ctx: Context, file: string, o: PlanBucketsOptions, seed?: number): Promise<void> {
  if (o.preset !== undefined || o.config !== undefined) {
    throw new ConfigError([{ path: '', message: '--buckets plans each bucket with its own configuration: --preset and --config do not apply (see planner bucket set-config)' }]);
  }
  const snapshot = readSnapshot(file, parseMaxInput(o.maxInputMb));
  const store = await openStore(o, undefined, ctx.stores);
  try {
    const { createBucketService, planAllBuckets } = await import('@planner/buckets');
    const service = createBucketService({ repository: store.buckets, modules: ctx.modules, store });
    const registered = await service.list();
    if (registered.length === 0) {
      throw new ConfigError([{ path: '', message: `no buckets are registered in ${o.db ?? 'the database'}: add one with planner bucket add` }]);
    }
    const result = await planAllBuckets(service, snapshot, { source: file, ...(seed === undefined ? {} : { seed }) });
    for (const b of result.buckets) {
      if (b.plan === null) continue;
      for (const w of warningsFor((await service.getPlanner(b.id)).config, snapshot, ctx.modules)) ctx.io.err(`warning: bucket ${b.id}: ${w}\n`);
    }
    ctx.io.out(o.json ? `${JSON.stringify(result, null, 2)}\n` : formatBucketPlans(result, file));
    const failed = result.buckets.filter((b) => b.error !== null);
    for (const b of failed) ctx.io.err(`error: bucket ${b.id}: ${b.error}\n`);
    if (failed.length > 0) throw new CommanderError(1, 'planner.bucketFailed', 'a bucket failed');
  } finally {
    await store.close();
  }
}
