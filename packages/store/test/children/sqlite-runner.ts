// Drives a bucket's work in a sqlite file, slowly, so a test can SIGKILL it mid-batch.
import { setTimeout as sleep } from 'node:timers/promises';
import { createSqliteStore } from '../../src/sqlite.js';
import { evaluate, key } from '../fixtures.js';

const [path, delay = '20'] = process.argv.slice(2);
const store = createSqliteStore({ path: path as string });
const k = key('core');
await store.open(k);
for (;;) {
  const batch = await store.claimBatch(k, 5);
  if (batch.length === 0) break;
  process.stdout.write(`claimed ${batch[0]?.index}\n`);
  const results = batch.map(evaluate);
  await sleep(Number(delay));
  await store.recordResults(k, results);
  process.stdout.write(`recorded ${batch[0]?.index}\n`);
}
await store.close();
process.stdout.write('finished\n');
