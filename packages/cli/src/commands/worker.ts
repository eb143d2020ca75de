import { Command } from 'commander';
import type { Context } from '../context.js';
import { defaultStoreLoaders, loadStoreModule } from './store-drivers.js';
import { checkStoreChoice, connectionLostLine, parsePositive } from './store-options.js';

interface WorkerOptions {
  readonly pg: string;
  readonly concurrency?: string;
}

export function workerCommand(ctx: Context): Command {
  return new Command('worker')
    .description('evaluate queued batches of every bucket from a PostgreSQL store until stopped (SIGINT/SIGTERM)')
    .requiredOption('--pg <url>', 'PostgreSQL connection string')
    .option('--concurrency <n>', 'batches evaluated at the same time by this process', '1')
    .action(async (o: WorkerOptions) => {
      const concurrency = parsePositive('--concurrency', o.concurrency, 1);
      checkStoreChoice({ pg: o.pg });
      const { runPostgresWorker } = await loadStoreModule('postgres', (ctx.stores ?? defaultStoreLoaders).postgres);
      const { createWorkEvaluator } = await import('@planner/buckets');
      // Everything a batch needs (snapshot, configuration, seed) is stored with its work.
      const worker = await runPostgresWorker({
        connectionString: o.pg, concurrency, evaluate: createWorkEvaluator({ modules: ctx.modules }),
        // A restarted database is waited for (with backoff, bounded), not a reason to stop the fleet.
        onConnectionLost: (i) => ctx.io.err(connectionLostLine(i)),
      });
      const stop = (): void => void worker.stop().catch(() => undefined);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      ctx.io.err(`worker ready (concurrency ${concurrency})\n`);
      try {
        await worker.done;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      ctx.io.err(`worker stopped: ${worker.stats.batches} batches, ${worker.stats.sequences} sequences\n`);
    });
}
