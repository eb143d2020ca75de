import { Command } from 'commander';
import type { Context } from '../context.js';

export function modulesCommand(ctx: Context): Command {
  return new Command('modules')
    .description('list every module with its params and defaults')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { paramsOf } = await import('./module-params.js');
      const list = ctx.modules.map((m) => {
        const plugin = ctx.origins?.get(m);
        return { kind: m.kind, name: m.name, description: m.description, params: paramsOf(m), ...(plugin === undefined ? {} : { plugin }) };
      });
      if (opts.json) {
        ctx.io.out(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      for (const m of list) {
        ctx.io.out(`${m.kind} ${m.name}${m.plugin === undefined ? '' : ` (plugin ${m.plugin})`}: ${m.description}\n`);
        for (const p of m.params) {
          const def = p.default === undefined ? '(no default)' : JSON.stringify(p.default);
          ctx.io.out(`    ${p.name} (${p.type}) = ${def}${p.description ? `  ${p.description}` : ''}\n`);
        }
      }
    });
}
