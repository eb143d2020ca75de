import { Command, CommanderError } from 'commander';
import type { Context } from '../context.js';
import { formatPlan } from '../format.js';
import { parseSeed, readSnapshot, warningsFor } from '../io.js';
import { progressLine } from './progress-line.js';
import { openStore, parsePositive, withStoreOptions } from './store-options.js';
import type { StoreChoice } from './store-options.js';

interface BatchOptions extends StoreChoice {
  readonly bucket: string;
  readonly snapshot: string;
  readonly seed?: string;
  readonly batchSize?: string;
  readonly json?: boolean;
  readonly evaluate: boolean;
}

/** Exit code of a run stopped by SIGINT/SIGTERM (128 + SIGINT): the work is kept, the same command resumes it. */
export const STOPPED_EXIT_CODE = 130;

export function batchCommand(ctx: Context): Command {
  return withStoreOptions(new Command('batch'))
    .description('run or resume a bucket\'s incremental plan, batch by batch; prints the plan when every sequence is evaluated')
    .requiredOption('--bucket <id>', 'the bucket to plan')
    .requiredOption('--snapshot <file>', 'portfolio snapshot (JSON); - reads it from standard input')
    .option('--seed <n>', 'seed of the run (overrides [planner] seed; part of the work key)')
    .option('--batch-size <n>', 'sequences per batch (with --pg: per queued job)', '100')
    .option('--json', 'print the plan as JSON (the same JSON as `planner plan --json`)')
    .option('--no-evaluate', 'only generate and store the work, and wait for `planner worker` processes to evaluate it')
    .action(async (o: BatchOptions) => {
      const snapshot = readSnapshot(o.snapshot);
      const seed = parseSeed(o.seed);
      const batchSize = parsePositive('--batch-size', o.batchSize, 100);
      const store = await openStore(o, batchSize, ctx.stores);
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const bar = progressLine((s) => process.stderr.write(s), process.stderr.isTTY === true);
      try {
        const { createBucketService } = await import('@planner/buckets');
        const service = createBucketService({ repository: store.buckets, modules: ctx.modules, store });
        const planner = await service.getPlanner(o.bucket);
        for (const w of warningsFor(planner.config, snapshot, ctx.modules)) ctx.io.err(`warning: ${w}\n`);
        const r = await service.runBatch(o.bucket, snapshot, {
          store, batchSize, signal: controller.signal, evaluate: o.evaluate, onEvent: (e) => bar.onEvent(e),
          ...(seed === undefined ? {} : { seed }),
        });
        bar.end();
        const { total, evaluated } = r.progress;
        if (r.status !== 'finished' || r.plan === null) {
          ctx.io.err(`stopped: ${evaluated}/${total} sequences of bucket ${o.bucket} evaluated; run the same command to resume\n`);
          throw new CommanderError(STOPPED_EXIT_CODE, 'planner.stopped', 'stopped');
        }
        ctx.io.err(`bucket ${o.bucket}: ${evaluated}/${total} sequences evaluated (${r.evaluated} in this run${r.generated ? ', freshly generated' : ', resumed'})\n`);
        ctx.io.out(o.json ? `${JSON.stringify(r.plan, null, 2)}\n` : formatPlan(r.plan, `${o.snapshot} (bucket ${o.bucket})`));
      } finally {
        bar.end();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await store.close();
      }
    });
}
