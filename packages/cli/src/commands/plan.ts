import { Command } from 'commander';
import { createPlanner } from '@planner/planner';
import type { Context } from '../context.js';
import { formatPlan } from '../format.js';
import { chooseConfig, parseMaxInput, parseSeed, readSnapshot, warningsFor } from '../io.js';

export interface RunOptions {
  readonly preset?: string;
  readonly config?: string;
  readonly seed?: string;
  readonly json?: boolean;
  readonly maxInputMb?: string;
}

export function planCommand(ctx: Context): Command {
  return new Command('plan')
    .description('propose the best sequence of trades for a snapshot')
    .argument('<snapshot>', 'portfolio snapshot (JSON); - reads it from standard input')
    .option('--preset <name>', 'a shipped preset (default when neither is given)')
    .option('--config <file>', 'a TOML configuration file')
    .option('--seed <n>', 'seed of the run (overrides [planner] seed)')
    .option('--json', 'print the plan as JSON')
    .option('--max-input-mb <n>', 'refuse a snapshot larger than this many MiB (default 64)')
    .action(async (file: string, opts: RunOptions) => {
      const snapshot = readSnapshot(file, parseMaxInput(opts.maxInputMb));
      const config = chooseConfig(opts, ctx.modules);
      const seed = parseSeed(opts.seed);
      for (const w of warningsFor(config, snapshot)) ctx.io.err(`warning: ${w}\n`);
      const planner = createPlanner({ config, modules: ctx.modules });
      const plan = await planner.plan(snapshot, seed === undefined ? {} : { seed });
      ctx.io.out(opts.json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlan(plan, file));
    });
}
