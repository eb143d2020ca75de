// One worker process on the test database; prints what it evaluates and its stats on SIGTERM.
import { setTimeout as sleep } from 'node:timers/promises';
import { runPostgresWorker } from '../../src/postgres.js';
import { evaluate } from '../fixtures.js';

const [url, delay = '0', lease = '300', concurrency = '1'] = process.argv.slice(2);
const worker = await runPostgresWorker({
  connectionString: url as string,
  concurrency: Number(concurrency),
  pollIntervalMs: 50,
  leaseSeconds: Number(lease),
  maintenanceIntervalSeconds: 1,
  evaluate: async ({ sequences }) => {
    process.stdout.write(`evaluating ${sequences[0]?.index} ${sequences.length}\n`);
    if (Number(delay) > 0) await sleep(Number(delay));
    return sequences.map(evaluate);
  },
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker.stop().then(() => {
    process.stdout.write(`stats ${JSON.stringify(worker.stats)}\n`);
    process.exit(0);
  });
});
worker.done.catch((e: unknown) => {
  process.stderr.write(`worker failed: ${String(e)}\n`);
  process.exit(2);
});
