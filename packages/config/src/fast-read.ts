import { parsePlainToml } from './plain-toml.js';

// '#fast-read' in Node (package.json "imports"): reads of plainly valid input
// that give exactly what the general code gives, for a cold process's setup;
// a browser bundle gets fast-read-browser.ts (the general code alone, within
// the bundle's budget).

/** smol-toml's result for a plainly written TOML text, or undefined (src/plain-toml.ts). */
export const plainToml: ((text: string) => Record<string, unknown> | undefined) | undefined = parsePlainToml;
