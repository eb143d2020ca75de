import type { ActionCandidate, EvaluationContext, Security, SecurityMetrics, Side } from '@planner/contracts';
import { candidate, evaluationContext, security as kitSecurity } from '@planner/testkit';
import type { EvaluationContextSpec } from '@planner/testkit';

export { compat, noRandom, plannerSettings as settings } from '@planner/testkit';

/** The fields of a security a scoring test varies; the rest are the kit's defaults. */
export interface SecuritySpec {
  readonly symbol: string;
  readonly price?: number;
  readonly currency?: string;
  readonly country?: string;
  readonly industry?: string;
  readonly qualityScore?: number;
  readonly metrics?: SecurityMetrics;
}

export function security({ symbol, ...over }: SecuritySpec): Security {
  return kitSecurity(symbol, { name: `${symbol} Inc.`, ...over });
}

export interface ContextSpec extends Omit<EvaluationContextSpec, 'securities'> {
  readonly securities: readonly SecuritySpec[];
}

/** An EvaluationContext as the snapshot builder makes it (pipeline.md §1.2). */
export const context = (spec: ContextSpec): EvaluationContext =>
  evaluationContext({ ...spec, securities: spec.securities.map(security) });

export const action = (
  side: Side,
  symbol: string,
  quantity: number,
  price: number,
  valueEur = quantity * price,
  currency = 'EUR',
): ActionCandidate => candidate(side, symbol, { quantity, price, valueEur, currency });
