// Opens a sqlite store and prints the error message, if any (run as another user by a test).
import { createSqliteStore } from '../../src/sqlite.js';

try {
  const store = createSqliteStore({ path: process.argv[2] as string });
  await store.close();
  process.stdout.write('opened\n');
} catch (e) {
  process.stdout.write(`${(e as Error).message}\n`);
}
