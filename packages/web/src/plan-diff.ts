import type { Plan, PlanStep } from '@planner/contracts';

export interface StepChange {
  readonly side: string;
  readonly symbol: string;
  readonly before?: number;
  readonly after?: number;
}

export interface PlanDiff {
  readonly added: StepChange[];
  readonly removed: StepChange[];
  readonly resized: StepChange[];
}

const key = (s: PlanStep) => `${s.side} ${s.symbol}`;

/** Steps keyed by side and symbol: in only one plan (added, removed) or in both with another quantity (resized). */
export function planDiff(before: Plan, after: Plan): PlanDiff {
  const old = new Map(before.steps.map((s) => [key(s), s]));
  const now = new Map(after.steps.map((s) => [key(s), s]));
  const diff: PlanDiff = { added: [], removed: [], resized: [] };
  for (const [k, s] of now) {
    const o = old.get(k);
    if (!o) diff.added.push({ side: s.side, symbol: s.symbol, after: s.quantity });
    else if (o.quantity !== s.quantity) diff.resized.push({ side: s.side, symbol: s.symbol, before: o.quantity, after: s.quantity });
  }
  for (const [k, s] of old) if (!now.has(k)) diff.removed.push({ side: s.side, symbol: s.symbol, before: s.quantity });
  return diff;
}
