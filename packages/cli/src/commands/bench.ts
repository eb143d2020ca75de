import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { pyFixed } from '@planner/context';
import { createPlanner } from '@planner/planner';
import type { Context } from '../context.js';
import { chooseConfig, parseSeed, readSnapshot } from '../io.js';
import type { RunOptions } from './plan.js';
import { parsePositive } from './store-options.js';

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function benchCommand(ctx: Context): Command {
  return new Command('bench')
    .description('time planning runs in-process after a warm-up: median and p95')
    .argument('<snapshot>', 'portfolio snapshot (JSON); - reads it from standard input')
    .option('--preset <name>', 'a shipped preset (default when neither is given)')
    .option('--config <file>', 'a TOML configuration file')
    .option('--seed <n>', 'seed of the runs')
    .option('--runs <n>', 'timed runs', '20')
    .option('--json', 'print {medianMs, p95Ms, runs, sequencesEvaluated}')
    .action(async (file: string, opts: RunOptions & { runs: string }) => {
      const runs = parsePositive('--runs', opts.runs, 20);
      const snapshot = readSnapshot(file);
      const config = chooseConfig(opts, ctx.modules);
      const seed = parseSeed(opts.seed);
      const planner = createPlanner({ config, modules: ctx.modules });
      const planOptions = seed === undefined ? {} : { seed };
      const warm = Math.min(5, runs);
      let evaluated = 0;
      for (let i = 0; i < warm; i++) evaluated = (await planner.plan(snapshot, planOptions)).funnel.evaluated;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await planner.plan(snapshot, planOptions);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const result = { medianMs: median(times), p95Ms: percentile(times, 95), runs, sequencesEvaluated: evaluated };
      if (opts.json) {
        ctx.io.out(`${JSON.stringify(result)}\n`);
        return;
      }
      ctx.io.out(
        `${file} (config ${config.planner.name}): median ${pyFixed(result.medianMs, 2)} ms, p95 ${pyFixed(result.p95Ms, 2)} ms ` +
          `over ${runs} runs after ${warm} warm-up; ${evaluated} sequences evaluated per run\n`,
      );
    });
}
