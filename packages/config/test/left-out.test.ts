import type { PlannerConfig } from '@planner/contracts';
import { describe, expect, it } from 'vitest';
import { camelToSnake, parseConfig } from '../src/index.js';
import { SECTIONS } from '../src/modules.js';
import { compatToSection, plannerToSection } from '../src/planner-settings.js';
import { modules } from './fixtures.js';

/** The settings a file leaves out, counted the plain way: every resolved key, snake_cased, against what was written. */
function oracle(raw: Record<string, Record<string, unknown> | undefined>, config: PlannerConfig): number {
  const missing = (written: unknown, resolved: Record<string, unknown>): number => {
    const have = new Set(written !== null && typeof written === 'object' ? Object.keys(written) : []);
    return Object.keys(resolved).filter((k) => resolved[k] !== undefined && !have.has(k)).length;
  };
  let count = missing(raw.planner, plannerToSection(config.planner)) + missing(raw.compat, compatToSection(config.compat));
  for (const info of SECTIONS) {
    for (const [name, settings] of config[info.field]) {
      const entry = raw[info.section]?.[name] as { enabled?: boolean; params?: Record<string, unknown> } | undefined;
      if (entry?.enabled === undefined) count += 1;
      const snake: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(settings.params)) snake[camelToSnake(k)] = v;
      count += missing(entry?.params, snake);
    }
  }
  return count;
}

const leftOut = (config: PlannerConfig): number => Number(/the (\d+) setting\(s\) it leaves out/.exec(config.warnings[0] ?? '')?.[1]);

describe('the count of settings a file without extends leaves to code defaults', () => {
  // raw tables as the TOML writes them, to count against
  const cases: { toml: string; raw: Record<string, Record<string, unknown>> }[] = [
    { toml: '[planner]\nmax_depth = 3\n', raw: { planner: { max_depth: 3 } } },
    { toml: '[compat]\n', raw: {} },
    {
      toml: '[planner]\nbeam_width = 4\nseed = 1\n[compat]\n[filters.correlation_aware]\nenabled = true\n[filters.correlation_aware.params]\ncorrelation_threshold = 0.8\n',
      raw: { planner: { beam_width: 4, seed: 1 }, filters: { correlation_aware: { enabled: true, params: { correlation_threshold: 0.8 } } } },
    },
    {
      // a camelCase key is accepted as a param but does not count as writing the snake_case setting
      toml: '[filters.correlation_aware.params]\ncorrelationThreshold = 0.8\n[pattern_generators.direct_buy]\nenabled = false\n',
      raw: { filters: { correlation_aware: { params: { correlationThreshold: 0.8 } } }, pattern_generators: { direct_buy: { enabled: false } } },
    },
  ];
  for (const { toml, raw } of cases) {
    it(JSON.stringify(toml), () => {
      const config = parseConfig(toml, { modules, source: 'mine.toml' });
      expect(leftOut(config)).toBe(oracle(raw, config));
      expect(leftOut(config)).toBeGreaterThan(0);
    });
  }

  it('writing one more setting leaves out one fewer', () => {
    const base = leftOut(parseConfig('[planner]\nmax_depth = 3\n', { modules }));
    expect(leftOut(parseConfig('[planner]\nmax_depth = 3\nbeam_width = 4\n', { modules }))).toBe(base - 1);
    expect(leftOut(parseConfig('[planner]\nmax_depth = 3\n[filters.correlation_aware]\nenabled = true\n', { modules }))).toBe(base - 1);
    expect(leftOut(parseConfig('[planner]\nmax_depth = 3\n[filters.correlation_aware.params]\ncorrelation_threshold = 0.8\n', { modules })))
      .toBe(base - 1);
  });
});
