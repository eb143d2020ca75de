// '#snapshot-fast-path' in a browser bundle (package.json "imports"): zod parses
// every snapshot, and the key-order reader reads all text. Node's
// (src/snapshot-fast-path.ts, with src/snapshot-parser.generated.ts) gives the
// same results faster, from about 2 KiB gzip the bundle's budget has not.
export { readJsonInKeyOrder as readSnapshotJson } from './json-key-order.js';

export const parseValidSnapshot: ((value: unknown) => unknown) | undefined = undefined;
