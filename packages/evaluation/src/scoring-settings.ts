import type { NumbersPending } from '@planner/context';
import type { CompatSwitches, EvaluationContext, PlannerSettings } from '@planner/contracts';

/** What scoring reads from the settings, validated and clamped once per snapshot. */
export interface ScoringSettings {
  /** Clamped to 0..1 as the reference does. */
  readonly costPenaltyFactor: number;
  readonly multiTimeframe: boolean;
  readonly transactionCostFixed: number;
  readonly transactionCostPercent: number;
  /** Clamped to 10..500. */
  readonly monteCarloPaths: number;
  readonly compat: CompatSwitches;
}

export function scoringSettings(
  ctx: Pick<EvaluationContext, 'transactionCostFixed' | 'transactionCostPercent'>,
  setup: { readonly settings: PlannerSettings; readonly compat: CompatSwitches },
): ScoringSettings {
  const s = setup.settings;
  const out: NumbersPending<ScoringSettings> = {
    costPenaltyFactor: null,
    multiTimeframe: s.enableMultiTimeframe,
    transactionCostFixed: null,
    transactionCostPercent: null,
    monteCarloPaths: null,
    compat: setup.compat,
  };
  out.costPenaltyFactor = Math.max(0.0, Math.min(1.0, s.costPenaltyFactor));
  out.transactionCostFixed = ctx.transactionCostFixed;
  out.transactionCostPercent = ctx.transactionCostPercent;
  out.monteCarloPaths = Math.max(10, Math.min(500, Math.trunc(s.monteCarloPathCount)));
  return out as ScoringSettings;
}
