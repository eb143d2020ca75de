// '#snapshot-fast-path' in a browser bundle (package.json "imports"): no fast
// parser, zod parses every snapshot. Node's (src/snapshot-fast-path.ts, with
// src/snapshot-parser.generated.ts) is about 2 KiB gzip, which the bundle's budget has not.
export const parseValidSnapshot: ((value: unknown) => unknown) | undefined = undefined;
