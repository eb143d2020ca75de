import { readFileSync } from 'node:fs';

/** The reference's timings of one scenario, per preset (ms); null when the file has no row for it. */
export interface ReferenceRow {
  readonly default: number;
  readonly conservative: number;
  readonly aggressive: number;
}

export interface ReferenceTimings {
  /** Median of a warm call in one process (the first table). */
  readonly warm: ReadonlyMap<string, ReferenceRow>;
  /** The first call in a fresh process (the table under "## First call in a fresh process"). */
  readonly firstCall: ReadonlyMap<string, ReferenceRow>;
}

const ROW = /^\| (\w+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|/;

/** Reads REFERENCE_TIMINGS.md (the copy in test/scenarios/): its warm table and its first-call table. */
export function parseReferenceTimings(markdown: string): ReferenceTimings {
  const warm = new Map<string, ReferenceRow>();
  const firstCall = new Map<string, ReferenceRow>();
  let into = warm;
  for (const line of markdown.split('\n')) {
    if (/^## First call in a fresh process/.test(line)) into = firstCall;
    const m = ROW.exec(line);
    if (m) into.set(m[1]!, { default: Number(m[2]), conservative: Number(m[3]), aggressive: Number(m[4]) });
  }
  return { warm, firstCall };
}

export function readReferenceTimings(path: string): ReferenceTimings {
  return parseReferenceTimings(readFileSync(path, 'utf8'));
}

/** The figure of one case, or null. */
export function referenceMs(table: ReadonlyMap<string, ReferenceRow>, scenario: string, preset: string): number | null {
  const row = table.get(scenario);
  return row !== undefined && (preset === 'default' || preset === 'conservative' || preset === 'aggressive') ? row[preset] : null;
}
