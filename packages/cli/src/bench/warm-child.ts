import { spawnSync } from 'node:child_process';
import { builtEntries, caseArgs, type ColdCase } from './cold.js';
import type { WarmTiming } from './warm.js';

/** A case's warm figures, as `planner bench SNAPSHOT --json` prints them. */
export interface WarmCaseTiming extends WarmTiming {
  readonly sequencesEvaluated: number;
}

const FIELDS = ['medianMs', 'p95Ms', 'runs', 'warmupRuns', 'sequencesEvaluated'] as const;

/**
 * One case's warm figures measured in a process of its own: the built command's
 * `planner bench SNAPSHOT --json` (same warm-up rule, same fields). Measured in
 * the process that also spawns the fresh processes, or after other cases warmed
 * the same functions with other shapes, the warm median moved by up to 2x; in a
 * child per case it is the figure `planner bench SNAPSHOT` gives for that case.
 * `plugins`: the `--plugin` specifiers of the command line (a configuration
 * file's own `plugins` the child reads from the file).
 */
export function warmInChild(c: ColdCase, runs: number, plugins: readonly string[] = []): WarmCaseTiming {
  const { cli } = builtEntries();
  const args = [cli, ...plugins.flatMap((p) => ['--plugin', p]), 'bench', ...caseArgs(c), '--runs', String(runs), '--json'];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`warm process of ${c.snapshot} failed (exit ${r.status ?? r.signal}): ${r.stderr.trim()}`);
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`warm process of ${c.snapshot} printed no JSON: ${JSON.stringify(r.stdout.slice(0, 200))}`, { cause: error });
  }
  for (const key of FIELDS) {
    if (typeof parsed[key] !== 'number') throw new Error(`warm process of ${c.snapshot}: expected a number in '${key}', found ${JSON.stringify(parsed[key])}`);
  }
  if (typeof parsed.warmupStable !== 'boolean') throw new Error(`warm process of ${c.snapshot}: expected a boolean in 'warmupStable', found ${JSON.stringify(parsed.warmupStable)}`);
  const n = (key: (typeof FIELDS)[number]): number => parsed[key] as number;
  return {
    medianMs: n('medianMs'),
    p95Ms: n('p95Ms'),
    runs: n('runs'),
    warmupRuns: n('warmupRuns'),
    warmupStable: parsed.warmupStable,
    sequencesEvaluated: n('sequencesEvaluated'),
  };
}
