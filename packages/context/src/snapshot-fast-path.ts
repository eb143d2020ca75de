import { SnapshotSchema } from './snapshot-schema.js';
import { fastParserOf, type FastParse } from './zod-fast-parse.js';

// '#snapshot-fast-path' in Node (package.json "imports"); a browser bundle gets
// snapshot-fast-path-browser.ts, where zod parses every snapshot (the bundle's budget).

/** Built on the first snapshot, not at import: `planner --help` parses none. */
let parser: FastParse | null | undefined;

/**
 * SnapshotSchema's parse of a value read from JSON text when it is valid, as
 * zod would return it; undefined when zod must decide (and word the issues).
 */
export const parseValidSnapshot: ((value: unknown) => unknown) | undefined = (value) => {
  parser ??= fastParserOf(SnapshotSchema) ?? null;
  return parser === null ? undefined : parser(value);
};
