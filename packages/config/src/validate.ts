import type { InputIssue, PlannerConfig, PlannerModule } from '@planner/contracts';
import { camelToSnake } from './case.js';
import { formatIssue, zodIssues } from './issues.js';
import { findModule, parseParams, SECTIONS } from './modules.js';
import {
  CompatSectionSchema, compatToSection, PLANNER_FIELDS, PLANNER_HINTS, PlannerSectionSchema, plannerToSection,
} from './planner-settings.js';
import { crossIssues, dependencyWarnings } from './rules.js';

/** Every error of a configuration object, located by its TOML key path. */
export function configIssues(config: PlannerConfig, modules: readonly PlannerModule[]): InputIssue[] {
  const issues: InputIssue[] = [];
  const planner = plannerToSection(config.planner);
  const p = PlannerSectionSchema.safeParse(planner);
  if (!p.success) issues.push(...zodIssues(p.error, planner, 'planner', { hints: PLANNER_HINTS, known: Object.keys(PLANNER_FIELDS) }));
  const compat = compatToSection(config.compat);
  const c = CompatSectionSchema.safeParse(compat);
  if (!c.success) issues.push(...zodIssues(c.error, compat, 'compat'));
  for (const info of SECTIONS) {
    for (const [name, settings] of config[info.field]) {
      const path = `${info.section}.${name}`;
      const module = findModule(modules, info.kind, name);
      if (!module) {
        const known = modules.filter((m) => m.kind === info.kind).map((m) => m.name).join(', ') || 'none';
        issues.push({ path, message: `unknown ${info.noun} '${name}' (known: ${known})` });
        continue;
      }
      const snake: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(settings.params)) snake[camelToSnake(k)] = v;
      issues.push(...parseParams(module, snake, `${path}.params`).issues);
    }
  }
  issues.push(...crossIssues(config, modules));
  const evaluators = modules.filter((m) => m.kind === 'evaluator').map((m) => m.name);
  if (evaluators.length > 0 && !evaluators.includes(config.evaluator)) {
    issues.push({ path: 'planner', message: `unknown evaluator '${config.evaluator}' (known: ${evaluators.join(', ')})` });
  }
  return issues;
}

/** Validates a configuration built in code (sliders, overrides): errors stop a run, warnings are reported. */
export function validateConfig(
  config: PlannerConfig,
  modules: readonly PlannerModule[],
): { errors: string[]; warnings: string[] } {
  return { errors: configIssues(config, modules).map(formatIssue), warnings: dependencyWarnings(config, modules) };
}
