import { parsePlainToml } from './plain-toml.js';
import { parseValidCompatSection, parseValidPlannerSection } from './section-parser.generated.js';

// '#fast-read' in Node (package.json "imports"): reads of plainly valid input
// that give exactly what the general code gives, for a cold process's setup;
// a browser bundle gets fast-read-browser.ts (the general code alone, within
// the bundle's budget).

/** smol-toml's result for a plainly written TOML text, or undefined (src/plain-toml.ts). */
export const plainToml: ((text: string) => Record<string, unknown> | undefined) | undefined = parsePlainToml;

/** zod's parse of plainly valid [planner] and [compat] tables, or undefined (src/section-parser.generated.ts). */
export const validSections: SectionReads | undefined = { planner: parseValidPlannerSection, compat: parseValidCompatSection };

export interface SectionReads {
  readonly planner: (table: unknown) => Record<string, unknown> | undefined;
  readonly compat: (table: unknown) => Record<string, unknown> | undefined;
}
