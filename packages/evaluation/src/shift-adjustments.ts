import type { Sequence } from '@planner/contracts';

/** `{symbol: 1 + shift}` for every symbol of the sequence, first-appearance order. */
export function shiftAdjustments(sequence: Sequence, shift: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of sequence) if (!out.has(a.symbol)) out.set(a.symbol, 1.0 + shift);
  return out;
}
