import { defineConfig } from 'tsup';
import { base } from '../../tooling/tsup.config.base';

export default defineConfig({
  ...base,
  entry: { index: 'src/index.ts', memory: 'src/memory.ts', sqlite: 'src/sqlite.ts', postgres: 'src/postgres.ts', testing: 'src/testing.ts' },
});
