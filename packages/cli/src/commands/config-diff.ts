import { existsSync } from 'node:fs';
import { Command } from 'commander';
import type { PlannerConfig, PlannerModule } from '@planner/contracts';
import { diffConfigs, loadPreset, presetNames } from '@planner/config';
import { loadConfig } from '@planner/config/node';
import type { Context } from '../context.js';

/** A file path, or the name of a shipped preset when no such file exists. */
function load(arg: string, modules: readonly PlannerModule[]): PlannerConfig {
  if (!existsSync(arg) && presetNames().includes(arg)) return loadPreset(arg, { modules });
  return loadConfig(arg, { modules });
}

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));

export function configDiffCommand(ctx: Context): Command {
  return new Command('diff')
    .description('list the values that differ between two configurations (files or preset names)')
    .argument('<a>', 'first configuration')
    .argument('<b>', 'second configuration')
    .option('--json', 'print the changes as JSON')
    .action((a: string, b: string, opts: { json?: boolean }) => {
      const changes = diffConfigs(load(a, ctx.modules), load(b, ctx.modules));
      if (opts.json) {
        ctx.io.out(`${JSON.stringify(changes, null, 2)}\n`);
        return;
      }
      if (changes.length === 0) ctx.io.out('no differences\n');
      for (const c of changes) ctx.io.out(`${c.path}: ${show(c.before)} -> ${show(c.after)}\n`);
    });
}
