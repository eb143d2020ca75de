import { defineConfig } from 'tsup';
import { base } from '../../tooling/tsup.config.base';

// Two entries sharing their code through a chunk: the portable main entry and the Node-only `./node`.
export default defineConfig({ ...base, entry: { index: 'src/index.ts', node: 'src/node.ts' }, splitting: true });
