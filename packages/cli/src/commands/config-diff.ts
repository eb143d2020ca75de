import { Command } from 'commander';
import type { Context } from '../context.js';

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));

export function configDiffCommand(ctx: Context): Command {
  return new Command('diff')
    .description('list the values that differ between two configurations (files or preset names)')
    .argument('<a>', 'first configuration')
    .argument('<b>', 'second configuration')
    .option('--json', 'print the changes as JSON')
    .action(async (a: string, b: string, opts: { json?: boolean }) => {
      const [{ diffConfigs }, { loadConfigOrPreset }] = await Promise.all([import('@planner/config'), import('../io.js')]);
      const changes = diffConfigs(loadConfigOrPreset(a, ctx.modules, ctx.configFiles), loadConfigOrPreset(b, ctx.modules, ctx.configFiles));
      if (opts.json) {
        ctx.io.out(`${JSON.stringify(changes, null, 2)}\n`);
        return;
      }
      if (changes.length === 0) ctx.io.out('no differences\n');
      for (const c of changes) ctx.io.out(`${c.path}: ${show(c.before)} -> ${show(c.after)}\n`);
    });
}
