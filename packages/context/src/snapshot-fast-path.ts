import { parseValidSnapshotJson } from './snapshot-parser.generated.js';

// '#snapshot-fast-path' in Node (package.json "imports"); a browser bundle gets
// snapshot-fast-path-browser.ts, where zod parses every snapshot (the bundle's budget).

/**
 * SnapshotSchema's parse of a value JSON.parse made, exactly as zod returns
 * it, when the value is plainly valid; undefined when zod must decide (and word the issues).
 */
export const parseValidSnapshot: ((value: unknown) => unknown) | undefined = parseValidSnapshotJson;
