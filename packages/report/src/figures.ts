import type { Plan } from '@planner/contracts';

/** One weighted component of the end-state score (scoreBreakdown), on 0..1. */
export interface ScoreComponent {
  readonly name: string;
  readonly score: number;
  readonly weight: number;
  readonly contribution: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * The components of an evaluator's breakdown that carry a weight, in the
 * order the evaluator wrote them. A component's score is `score` or
 * `weighted_score` (the evaluator names it so when the component itself is a
 * weighted blend).
 */
export function componentsOf(breakdown: Readonly<Record<string, unknown>>): ScoreComponent[] {
  const out: ScoreComponent[] = [];
  for (const [name, value] of Object.entries(breakdown)) {
    if (!isRecord(value)) continue;
    const weight = num(value.weight);
    const contribution = num(value.contribution);
    const score = num(value.score) ?? num(value.weighted_score);
    if (weight === undefined || contribution === undefined || score === undefined) continue;
    out.push({ name, score, weight, contribution });
  }
  return out;
}

/** The weighted components of the winning end state (`scoreBreakdown`). */
export function scoreComponents(plan: Plan): ScoreComponent[] {
  return componentsOf(plan.scoreBreakdown);
}

/** The weighted components of the current portfolio (`currentScoreBreakdown`), scored by the same evaluator. */
export function currentScoreComponents(plan: Plan): ScoreComponent[] {
  return componentsOf(plan.currentScoreBreakdown ?? {});
}

/** One component before and after the plan; a side is absent when its breakdown lacks the component. */
export interface ComponentChange {
  readonly name: string;
  readonly weight: number;
  readonly before?: ScoreComponent;
  readonly after?: ScoreComponent;
}

/**
 * Each weighted component before (the current portfolio) and after (the
 * end state), the end state's order first. A plan without steps leaves the
 * portfolio as it is: with no end-state breakdown (the planner gives `{}`
 * then), its end state is the current one.
 */
export function componentChanges(plan: Plan): ComponentChange[] {
  const before = currentScoreComponents(plan);
  const end = scoreComponents(plan);
  const after = end.length === 0 && plan.steps.length === 0 ? before : end;
  const byName = new Map(before.map((c) => [c.name, c]));
  const out: ComponentChange[] = after.map((a) => {
    const b = byName.get(a.name);
    return { name: a.name, weight: a.weight, after: a, ...(b === undefined ? {} : { before: b }) };
  });
  const named = new Set(after.map((a) => a.name));
  for (const b of before) if (!named.has(b.name)) out.push({ name: b.name, weight: b.weight, before: b });
  return out;
}

/** The funnel's stages, widest first. */
export function funnelStages(plan: Plan): { readonly stage: string; readonly count: number }[] {
  const f = plan.funnel;
  return [
    { stage: 'opportunities', count: f.opportunities },
    { stage: 'sequences generated', count: f.generated },
    { stage: 'after dedup', count: f.afterDedup },
    { stage: 'after filters', count: f.afterFilters },
    { stage: 'feasible', count: f.feasible },
    { stage: 'evaluated', count: f.evaluated },
  ];
}

export interface CurrencyCash {
  readonly currency: string;
  /** Native units received by the plan's sells. */
  readonly cashIn: number;
  /** Native units spent by the plan's buys. */
  readonly cashOut: number;
  /** Cash in that currency after the last step (the plan's execution check), when known. */
  readonly after?: number;
}

/** Cash in and out per trading currency (quantity × native price), and the balance after the plan. */
export function cashByCurrency(plan: Plan): CurrencyCash[] {
  const flows = new Map<string, { cashIn: number; cashOut: number }>();
  for (const step of plan.steps) {
    const flow = flows.get(step.currency) ?? { cashIn: 0, cashOut: 0 };
    if (step.side === 'SELL') flow.cashIn += step.quantity * step.price;
    else flow.cashOut += step.quantity * step.price;
    flows.set(step.currency, flow);
  }
  const after = plan.execution?.cashAfter ?? {};
  const currencies = [...new Set([...flows.keys(), ...Object.keys(after)])].sort();
  return currencies.map((currency) => {
    const flow = flows.get(currency) ?? { cashIn: 0, cashOut: 0 };
    // an own key only: a currency named `toString` or `constructor` is not Object.prototype's function
    const balance = Object.hasOwn(after, currency) ? after[currency] : undefined;
    return { currency, ...flow, ...(balance === undefined ? {} : { after: balance }) };
  });
}

/** `plan.timings` split into pipeline stages and modules (`kind:name` keys), in the order the planner wrote them. */
export function splitTimings(plan: Plan): { stages: [string, number][]; modules: [string, number][] } {
  const stages: [string, number][] = [];
  const modules: [string, number][] = [];
  for (const [key, ms] of Object.entries(plan.timings)) (key.includes(':') ? modules : stages).push([key, ms]);
  return { stages, modules };
}
