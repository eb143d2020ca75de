import { Command } from 'commander';
import { loadConfig } from '@planner/config/node';
import type { Context } from '../context.js';

export function configValidateCommand(ctx: Context): Command {
  return new Command('validate')
    .description('check a TOML configuration; errors exit with code 2')
    .argument('<file>', 'configuration file')
    .action((file: string) => {
      const config = loadConfig(file, { modules: ctx.modules });
      ctx.io.out(`${file}: valid configuration '${config.planner.name}'${config.warnings.length ? `, ${config.warnings.length} warning(s)` : ''}\n`);
      for (const w of config.warnings) ctx.io.out(`  warning: ${w}\n`);
    });
}
