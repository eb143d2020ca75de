// One worker process on the test database; prints what it evaluates, records and loses, and its stats on SIGTERM.
import { setTimeout as sleep } from 'node:timers/promises';
import { runPostgresWorker } from '../../src/postgres.js';
import { evaluate } from '../fixtures.js';

// delay: ms per batch, spread over its sequences; the evaluation stops early when the worker stops.
const [url, delay = '0', lease = '300', concurrency = '1'] = process.argv.slice(2);
const worker = await runPostgresWorker({
  connectionString: url as string,
  concurrency: Number(concurrency),
  pollIntervalMs: 50,
  leaseSeconds: Number(lease),
  maintenanceIntervalSeconds: 1,
  onBatch: ({ evaluated }) => process.stdout.write(`recorded ${evaluated}\n`),
  onConnectionLost: ({ op }) => process.stdout.write(`lost ${op}\n`),
  evaluate: async ({ sequences, signal }) => {
    process.stdout.write(`evaluating ${sequences[0]?.index} ${sequences.length}\n`);
    const each = Number(delay) / Math.max(1, sequences.length);
    const out = [];
    for (const s of sequences) {
      if (each > 0) await sleep(each, undefined, { signal }).catch(() => undefined);
      if (signal?.aborted) break;
      out.push(evaluate(s));
      process.stdout.write(`evaluated ${s.index}\n`);
    }
    return out;
  },
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker.stop().then(() => {
    process.stdout.write(`stats ${JSON.stringify(worker.stats)}\n`);
    process.exit(0);
  }, (e: unknown) => {
    process.stderr.write(`worker failed: ${String(e)}\n`);
    process.exit(2);
  });
});
worker.done.catch((e: unknown) => {
  process.stderr.write(`worker failed: ${String(e)}\n`);
  process.exit(2);
});
