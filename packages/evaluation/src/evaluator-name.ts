import type { PlannerSettings } from '@planner/contracts';

/** The evaluator the full planner uses: Monte Carlo, else stochastic, else single (pipeline.md §4.6). */
export function evaluatorNameFor(
  settings: Pick<PlannerSettings, 'enableMonteCarloPaths' | 'enableStochasticScenarios'>,
): 'monte_carlo' | 'stochastic' | 'single_objective' {
  if (settings.enableMonteCarloPaths) return 'monte_carlo';
  if (settings.enableStochasticScenarios) return 'stochastic';
  return 'single_objective';
}
