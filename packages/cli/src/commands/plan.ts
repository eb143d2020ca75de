import { Command } from 'commander';
import { ConfigError } from '@planner/contracts';
import type { Context } from '../context.js';
import type { StoreChoice } from './store-options.js';

export interface RunOptions {
  readonly preset?: string;
  readonly config?: string;
  readonly seed?: string;
  readonly json?: boolean;
  readonly maxInputMb?: string;
}

interface PlanOptions extends RunOptions, StoreChoice {
  readonly buckets?: boolean;
  readonly html?: string;
}

/**
 * What `plan --buckets` and `plan --html` load (the stores and buckets, the
 * report). The plan-only build leaves them out (src/plan-program.ts); the bin
 * sends command lines with either option to the whole command.
 */
export interface PlanExtras {
  readonly planBuckets?: () => Promise<typeof import('./plan-buckets.js')>;
  readonly htmlReport?: () => Promise<typeof import('./html-report.js')>;
}

function extra<T>(load: (() => Promise<T>) | undefined, option: string): Promise<T> {
  if (load === undefined) throw new Error(`${option} is not part of the plan-only build: run it through the planner command`);
  return load();
}

export function planCommand(ctx: Context, extras: PlanExtras): Command {
  return new Command('plan')
    .description('propose the best sequence of trades for a snapshot')
    .argument('<snapshot>', 'portfolio snapshot (JSON); - reads it from standard input')
    .option('--preset <name>', 'a shipped preset (default when neither is given)')
    .option('--config <file>', 'a TOML configuration file')
    .option('--seed <n>', 'seed of the run (overrides [planner] seed)')
    .option('--json', 'print the plan as JSON')
    .option('--max-input-mb <n>', 'refuse a snapshot larger than this many MiB (default 64)')
    .option('--html <file>', 'also write the plan as a self-contained HTML report')
    .option('--buckets', 'plan every bucket of --db/--pg on its own part of the snapshot, then aggregate')
    .option('--db <file>', 'with --buckets: the SQLite file of the buckets')
    .option('--pg <url>', 'with --buckets: the PostgreSQL connection string of the buckets')
    .action(async (file: string, opts: PlanOptions) => {
      // Loaded here, not with the command line's definitions: `--help` needs none of it.
      const { chooseConfig, parseMaxInput, parseSeed, readSnapshot, warningsFor } = await import('../io.js');
      if (opts.buckets) {
        if (opts.html !== undefined) {
          throw new ConfigError([{ path: '', message: '--html writes the report of one plan: it does not apply to --buckets' }]);
        }
        // Loaded only here: a plain plan needs no store and no bucket code.
        const { planBuckets } = await extra(extras.planBuckets, '--buckets');
        return planBuckets(ctx, file, opts, parseSeed(opts.seed));
      }
      if (opts.db !== undefined || opts.pg !== undefined) {
        throw new ConfigError([{ path: '', message: '--db and --pg name the buckets to plan: add --buckets' }]);
      }
      const snapshot = readSnapshot(file, parseMaxInput(opts.maxInputMb));
      const config = chooseConfig(opts, ctx.modules, ctx.configFiles);
      const seed = parseSeed(opts.seed);
      // Loaded only for --html: the report and its chart library are not needed by a plain plan.
      const report = opts.html === undefined ? undefined : await extra(extras.htmlReport, '--html');
      if (report !== undefined) {
        report.checkReportPath(opts.html as string, [{ path: file, what: 'snapshot' }, { path: opts.config, what: 'configuration' }]);
      }
      for (const w of warningsFor(config, snapshot, ctx.modules)) ctx.io.err(`warning: ${w}\n`);
      const { createPlanner } = await import('@planner/planner');
      const onEvent = ctx.io.onPlanEvent;
      const planner = createPlanner(onEvent === undefined ? { config, modules: ctx.modules } : { config, modules: ctx.modules, onEvent });
      const plan = await planner.plan(snapshot, seed === undefined ? {} : { seed });
      if (opts.html !== undefined && report !== undefined) {
        report.writeHtmlReport(opts.html, plan, report.describeConfig(opts, config, ctx.modules), file === '-' ? 'stdin' : file);
      }
      ctx.io.out(opts.json ? `${JSON.stringify(plan, null, 2)}\n` : (await import('../format.js')).formatPlan(plan, file));
    });
}
