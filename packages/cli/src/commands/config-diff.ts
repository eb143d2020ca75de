import { Command } from 'commander';
import { diffConfigs } from '@planner/config';
import type { Context } from '../context.js';
import { loadConfigOrPreset } from '../io.js';

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));

export function configDiffCommand(ctx: Context): Command {
  return new Command('diff')
    .description('list the values that differ between two configurations (files or preset names)')
    .argument('<a>', 'first configuration')
    .argument('<b>', 'second configuration')
    .option('--json', 'print the changes as JSON')
    .action((a: string, b: string, opts: { json?: boolean }) => {
      const changes = diffConfigs(loadConfigOrPreset(a, ctx.modules), loadConfigOrPreset(b, ctx.modules));
      if (opts.json) {
        ctx.io.out(`${JSON.stringify(changes, null, 2)}\n`);
        return;
      }
      if (changes.length === 0) ctx.io.out('no differences\n');
      for (const c of changes) ctx.io.out(`${c.path}: ${show(c.before)} -> ${show(c.after)}\n`);
    });
}
