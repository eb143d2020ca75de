import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The workspace packages resolve to their sources (the `source` export
// condition), so the page needs no build of the packages first. The page
// starts with the CLI's shipped example snapshot.
export default defineConfig({
  base: './',
  resolve: {
    conditions: ['source', 'module', 'browser', 'development|production'],
    alias: [{ find: /^planner-example-snapshot(?=\?|$)/, replacement: fileURLToPath(new URL('../cli/examples/portfolio.json', import.meta.url)) }],
  },
  worker: { format: 'es' },
  build: { target: 'es2022' },
});
