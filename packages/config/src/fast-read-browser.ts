// '#fast-read' in a browser bundle (package.json "imports"): no fast paths;
// smol-toml and zod read everything (the same results; src/fast-read.ts
// spares Node's cold start that work, at a size the bundle's budget has no room for).
export const plainToml: ((text: string) => Record<string, unknown> | undefined) | undefined = undefined;

export const validSections: import('./fast-read.js').SectionReads | undefined = undefined;
