import type { PlannerModule } from '@planner/contracts';
import { calculators } from '@planner/calculators';
import { evaluators } from '@planner/evaluation';
import { filters } from '@planner/filters';
import { patterns } from '@planner/patterns';
import { sequenceGenerators } from '@planner/sequences';

/** The standard modules, as the CLI has them. */
export const standardModules: readonly PlannerModule[] = [...calculators, ...patterns, ...sequenceGenerators, ...filters, ...evaluators];
