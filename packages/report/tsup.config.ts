import { defineConfig } from 'tsup';
import { base } from '../../tooling/tsup.config.base';

export default defineConfig({ ...base, entry: { index: 'src/index.ts', node: 'src/node.ts' } });
