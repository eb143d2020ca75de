import type { OpportunityContext, Sequence } from '@planner/contracts';
import { hasDuplicateSymbol, sumPriority } from '@planner/context';

/** Why sequences were dropped by the early filtering; logged by the reference, reported here. */
export interface FeasibilityCounts {
  empty: number;
  duplicateSymbol: number;
  priority: number;
  flags: number;
  cash: number;
  position: number;
}

export function emptyFeasibilityCounts(): FeasibilityCounts {
  return { empty: 0, duplicateSymbol: 0, priority: 0, flags: 0, cash: 0, position: 0 };
}

export type Rejection = keyof FeasibilityCounts | null;

/**
 * Early filtering of pipeline.md §5.2 step 12 for one sequence, checks in the
 * reference's order: empty, repeated symbol, mean priority, then a cash walk
 * where a BUY needs a buyable security and enough cash and a SELL a sellable
 * security and a position of at least the quantity.
 */
export function rejectionOf(seq: Sequence, ctx: OpportunityContext, cash: number, threshold: number): Rejection {
  if (seq.length === 0) return 'empty';
  if (hasDuplicateSymbol(seq)) return 'duplicateSymbol';
  if (sumPriority(seq) / seq.length < threshold) return 'priority';
  let running = cash;
  for (const a of seq) {
    const security = ctx.securitiesBySymbol.get(a.symbol);
    if (a.side === 'BUY') {
      if (!security || !security.allowBuy) return 'flags';
      if (a.valueEur > running) return 'cash';
      running -= a.valueEur;
    } else {
      if (!security || !security.allowSell) return 'flags';
      const position = ctx.positionsBySymbol.get(a.symbol);
      if (!position || position.quantity < a.quantity) return 'position';
      running += a.valueEur;
    }
  }
  return null;
}

/** The feasible sequences in input order; `counts` receives the reasons of the others. */
export function filterFeasible(
  sequences: readonly Sequence[],
  ctx: OpportunityContext,
  cash: number,
  threshold: number,
  counts: FeasibilityCounts,
): Sequence[] {
  const out: Sequence[] = [];
  for (const seq of sequences) {
    const why = rejectionOf(seq, ctx, cash, threshold);
    if (why === null) out.push(seq);
    else counts[why]++;
  }
  return out;
}

/** Stable order by Σ priority, highest first (pipeline.md §5.2 step 14). */
export function sortByTotalPriority(sequences: readonly Sequence[]): Sequence[] {
  const sums = sequences.map(sumPriority);
  const order = sequences.map((_, i) => i).sort((a, b) => sums[b]! - sums[a]!);
  return order.map((i) => sequences[i]!);
}
