import type { PlannerSettings } from '@planner/contracts';

/**
 * The one place that turns the `[planner]` evaluation switches of the
 * reference presets into the name of the evaluator that scores sequences
 * (pipeline.md §4.6: Monte Carlo wins over stochastic, else single objective;
 * multi-objective changes the beam, not the evaluator). The planner looks the
 * name up among the modules it is given.
 */
export function evaluatorFor(settings: Pick<PlannerSettings, 'enableMonteCarloPaths' | 'enableStochasticScenarios'>): string {
  if (settings.enableMonteCarloPaths) return 'monte_carlo';
  if (settings.enableStochasticScenarios) return 'stochastic';
  return 'single_objective';
}
