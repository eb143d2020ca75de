// Writes src/snapshot-parser.generated.ts: SnapshotSchema's parser for valid
// snapshots, generated from the schema's own definitions (src/zod-parser-source.ts),
// so a fresh process runs straight-line code instead of zod's parse or a parser
// built at run time. test/snapshot-fast-path.test.ts fails when the file and
// the schema drift; run `pnpm --filter @planner/context generate:parser`.
import { writeFileSync } from 'node:fs';
import { snapshotParserModule } from '../src/snapshot-parser-module.js';

writeFileSync(new URL('../src/snapshot-parser.generated.ts', import.meta.url), snapshotParserModule());
