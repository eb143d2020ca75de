// Writes src/section-parser.generated.ts: the parsers of plainly valid [planner]
// and [compat] tables, generated from their zod schemas (src/section-parser-source.ts).
// test/section-parser.test.ts fails when the file and the schemas drift;
// run `pnpm --filter @planner/config generate:sections`.
import { writeFileSync } from 'node:fs';
import { sectionParserModule } from '../src/section-parser-module.js';

writeFileSync(new URL('../src/section-parser.generated.ts', import.meta.url), sectionParserModule());
