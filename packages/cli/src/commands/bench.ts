import { Command } from 'commander';
import type { BenchOptions } from '../bench/bench-run.js';
import type { Context } from '../context.js';
import { parsePositive } from './store-options.js';

export { median, percentile } from '../bench/stats.js';

export function benchCommand(ctx: Context): Command {
  return new Command('bench')
    .description('time plans: warm in one process (until the median is stable) and, with --cold, the first plan in fresh processes; ' +
      'without a snapshot, every shared scenario x parity preset next to the reference\'s figures')
    .argument('[snapshot]', 'portfolio snapshot (JSON); none: the scenario suite')
    .option('--preset <name>', 'a shipped preset (default when neither is given)')
    .option('--config <file>', 'a TOML configuration file')
    .option('--seed <n>', 'seed of the runs')
    .option('--runs <n>', 'timed warm runs', '20')
    .option('--cold', 'also run fresh processes of the built CLI: import, setup and first-plan medians')
    .option('--processes <n>', 'fresh processes per case (with --cold)', '10')
    .option('--warm-processes <n>', 'warm processes per case, each a `planner bench SNAPSHOT` of its own: the figures are the median of theirs (default 1)')
    .option('--scenarios <dir>', 'scenario directory of the suite (default: the copy in packages/cli/test/scenarios)')
    .option('--only <text>', 'suite: only the scenarios whose name contains this')
    .option('--json', 'print the figures as JSON: medianMs (plan(snapshot)), p95Ms, runs, warmupRuns, warmupStable, cpuShare, sequencesEvaluated; ' +
      'warmPreparedMs, warmPreparedP95Ms, warmPreparedWarmupRuns, warmPreparedStable, warmPreparedCpuShare (plan(prepared), the snapshot prepared once: the reference\'s boundary), ' +
      'preparedSamePlan (cpuShare: CPU time / wall time of the timed runs, under 0.9 when other processes shared the CPU); in warm processes warmProcesses, medianMsPerProcess, warmPreparedMsPerProcess; with --cold importMs, setupMs, firstPlanMs, ...')
    .action(async (file: string | undefined, given: BenchOptions, command: Command) => {
      const runs = parsePositive('--runs', given.runs, 20);
      const opts: BenchOptions = { ...given, plugin: (command.optsWithGlobals() as { plugin?: string[] }).plugin ?? [] };
      const { benchOne, benchSuite } = await import('../bench/bench-run.js');
      if (file === undefined) await benchSuite(ctx, opts, runs);
      else await benchOne(ctx, file, opts, runs);
    });
}
