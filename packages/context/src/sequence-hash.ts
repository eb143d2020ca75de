import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Sequence } from '@planner/contracts';

/** A string as Python's `json.dumps` writes it (ensure_ascii: everything outside 0x20..0x7e escaped, lower-case hex). */
function pyJsonString(s: string): string {
  return JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A number as Python's `json.dumps` writes an int (integral values) or a float `repr`. */
function pyJsonNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return String(x);
  const ax = Math.abs(x);
  if (ax >= 1e-4 && ax < 1e16) return String(x);
  const [mant, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** The JSON text the reference hashes: `[[symbol, side, quantity], ...]` with `", "` separators. */
export function sequenceJson(sequence: Sequence): string {
  let out = '[';
  for (let i = 0; i < sequence.length; i++) {
    const a = sequence[i]!;
    if (i > 0) out += ', ';
    out += `[${pyJsonString(a.symbol)}, ${pyJsonString(a.side)}, ${pyJsonNumber(a.quantity)}]`;
  }
  return `${out}]`;
}

/** MD5 hex of the Python JSON text (spec modules-calculators.md §2.1 (2), pipeline.md §5.7). */
export function hashSequence(sequence: Sequence): string {
  return bytesToHex(md5(utf8ToBytes(sequenceJson(sequence))));
}

/** Dedup key of the full planner: the ordered (symbol, side) pairs (pipeline.md §5.3). */
export function sequenceKey(sequence: Sequence): string {
  let out = '';
  for (let i = 0; i < sequence.length; i++) {
    const a = sequence[i]!;
    if (i > 0) out += '\u0002';
    out += `${a.symbol}\u0001${a.side}`;
  }
  return out;
}

/** True when a symbol occurs twice; sequences are short, so pairwise comparison beats a Set. */
export function hasDuplicateSymbol(sequence: Sequence): boolean {
  for (let i = 1; i < sequence.length; i++) {
    const s = sequence[i]!.symbol;
    for (let j = 0; j < i; j++) if (sequence[j]!.symbol === s) return true;
  }
  return false;
}

/** Σ priority, left to right (Python `sum`). */
export function sumPriority(sequence: Sequence): number {
  let total = 0;
  for (const a of sequence) total += a.priority;
  return total;
}
