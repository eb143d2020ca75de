import type { PlannerModule } from '@planner/contracts';
import { calculators } from '@planner/calculators';
import { evaluators } from '@planner/evaluation';
import { filters } from '@planner/filters';
import { patterns } from '@planner/patterns';
import { sequenceGenerators } from '@planner/sequences';

/** The standard modules, wired here and nowhere else (DESIGN.md §2). */
export function standardModules(): readonly PlannerModule[] {
  return [...calculators, ...patterns, ...sequenceGenerators, ...filters, ...evaluators];
}
