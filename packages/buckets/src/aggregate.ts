import type { ActionCandidate } from '@planner/contracts';

/** An action of the aggregate plan, with the bucket it belongs to. */
export interface BucketAction extends ActionCandidate {
  readonly bucket: string;
}

/**
 * Every bucket's actions in one list (pipeline.md §7.5 `aggregate_plans`):
 * reason prefixed "[<bucket>] ", tag `bucket:<bucket>` added, ordered by
 * priority, highest first, keeping the buckets' order on ties (a stable sort).
 */
export function aggregatePlans(plans: readonly { readonly id: string; readonly actions: readonly ActionCandidate[] }[]): BucketAction[] {
  const all: BucketAction[] = [];
  for (const { id, actions } of plans) {
    for (const a of actions) all.push({ ...a, reason: `[${id}] ${a.reason}`, tags: [...a.tags, `bucket:${id}`], bucket: id });
  }
  return all.sort((a, b) => b.priority - a.priority);
}

/** The action with the strictly highest priority; the first bucket wins ties; null when there is none (`get_highest_priority_action`). */
export function highestPriorityAction(
  plans: readonly { readonly id: string; readonly actions: readonly ActionCandidate[] }[],
): { readonly bucket: string; readonly action: ActionCandidate } | null {
  let best: { bucket: string; action: ActionCandidate } | null = null;
  for (const { id, actions } of plans) {
    for (const a of actions) if (best === null || a.priority > best.action.priority) best = { bucket: id, action: a };
  }
  return best;
}
