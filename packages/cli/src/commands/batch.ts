import { Command, CommanderError } from 'commander';
import type { Context } from '../context.js';
import { formatPlan } from '../format.js';
import { parseSeed, readSnapshot, warningsFor } from '../io.js';
import { progressLine } from './progress-line.js';
import { ConfigError, StoreError } from '@planner/contracts';
import type { BatchQueue } from '@planner/store';
import { connectionLostLine, openStore, parseBucketId, parsePositive, withStoreOptions } from './store-options.js';
import type { StoreChoice } from './store-options.js';

interface BatchOptions extends StoreChoice {
  readonly bucket: string;
  readonly snapshot: string;
  readonly seed?: string;
  readonly batchSize?: string;
  readonly json?: boolean;
  readonly evaluate: boolean;
  readonly retryFailed?: boolean;
}

/** How often a run that waits on the queue looks at it, ms. */
const QUEUE_CHECK_MS = 2000;

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
    .option('--no-evaluate', 'only generate and store the work, and wait for `planner worker` processes to evaluate it (--pg)')
    .option('--retry-failed', 'queue again the batches whose retries ran out (--pg), then run')
    .action(async (o: BatchOptions) => {
      await parseBucketId(o.bucket, '--bucket');
      if (o.pg === undefined && (!o.evaluate || o.retryFailed)) {
        throw new ConfigError([{ path: '', message: `${o.evaluate ? '--retry-failed' : '--no-evaluate'} needs --pg: only a PostgreSQL store has a queue and workers` }]);
      }
      const snapshot = readSnapshot(o.snapshot);
      const seed = parseSeed(o.seed);
      const batchSize = parsePositive('--batch-size', o.batchSize, 100);
      const controller = new AbortController();
      // Also ends a wait for a lost PostgreSQL server: a stop must not wait out the reconnect window.
      const stopRequest = new AbortController();
      const store = await openStore(o, batchSize, ctx.stores, {
        onConnectionLost: (i) => ctx.io.err(connectionLostLine(i)), signal: stopRequest.signal,
      });
      const stop = (): void => {
        stopRequest.abort();
        controller.abort();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const bar = progressLine((s) => process.stderr.write(s), process.stderr.isTTY === true);
      try {
        const { createBucketService } = await import('@planner/buckets');
        const service = createBucketService({ repository: store.buckets, modules: ctx.modules, store });
        const planner = await service.getPlanner(o.bucket);
        for (const w of warningsFor(planner.config, snapshot, ctx.modules)) ctx.io.err(`warning: ${w}\n`);
        if (store.queue && o.retryFailed) {
          const n = await store.queue.retryFailed(o.bucket);
          ctx.io.err(`queued ${n} failed batch${n === 1 ? '' : 'es'} of bucket ${o.bucket} again\n`);
        }
        const watch = store.queue ? watchQueue(store.queue, o.bucket, !o.evaluate, (s) => ctx.io.err(s), () => controller.abort()) : null;
        let r;
        try {
          r = await service.runBatch(o.bucket, snapshot, {
            store, batchSize, signal: controller.signal, evaluate: o.evaluate, onEvent: (e) => bar.onEvent(e), source: o.snapshot,
            ...(seed === undefined ? {} : { seed }),
          });
        } catch (e) {
          // Stopped while the database was away: what was recorded is kept, the rest waits for the next run.
          if (!stopRequest.signal.aborted || !(e instanceof StoreError)) throw e;
          bar.end();
          ctx.io.err(`stopped: ${e.message}; run the same command to resume\n`);
          throw new CommanderError(STOPPED_EXIT_CODE, 'planner.stopped', 'stopped');
        } finally {
          watch?.stop();
        }
        bar.end();
        if (watch?.failure) throw new StoreError(watch.failure);
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

/**
 * Looks at the bucket's queue while the run waits: says that it waits for
 * workers (and how much is queued), and stops the run when only failed
 * batches are left (their retries ran out), since nothing would ever finish them.
 */
function watchQueue(queue: BatchQueue, bucket: string, waitsForWorkers: boolean, say: (s: string) => void, abort: () => void) {
  let said = '';
  let busy = false;
  const state = { failure: null as string | null, stop: () => clearInterval(timer) };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void queue.status(bucket).then((s) => {
      if (s.failed.length > 0 && s.queued + s.active === 0) {
        const list = s.failed.map((f) => `sequences ${f.from}-${f.to - 1}: ${f.error}`).join('; ');
        state.failure = `${s.failed.length} batch${s.failed.length === 1 ? '' : 'es'} of bucket ${bucket} failed for good (retries ran out): ${list}; `
          + 'fix the cause and run again with --retry-failed';
        abort();
        return;
      }
      if (waitsForWorkers && s.active === 0 && s.queued > 0) {
        const line = `waiting for \`planner worker\` processes: ${s.queued} batch${s.queued === 1 ? '' : 'es'} queued, none being evaluated\n`;
        if (line !== said) say(line);
        said = line;
      } else said = '';
    }, () => undefined).finally(() => {
      busy = false;
    });
  }, QUEUE_CHECK_MS);
  timer.unref();
  return state;
}
