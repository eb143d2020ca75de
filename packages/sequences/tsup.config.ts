import { defineConfig } from 'tsup';
import { base, withVariants } from '../../tooling/tsup.config.base';

// Node's fast paths and their browser variants (package.json "imports") as dist files of their own:
// the published dist resolves `#...` per condition, as the sources do.
export default defineConfig({ ...base, ...withVariants({ index: 'src/index.ts' }, ['similarity-window', 'sample-fast']) });
