import { Command } from 'commander';
import type { Context } from '../context.js';

export function configValidateCommand(ctx: Context): Command {
  return new Command('validate')
    .description('check a TOML configuration (or a shipped preset, by name); errors exit with code 2')
    .argument('<file>', 'configuration file or preset name')
    .action(async (file: string) => {
      const { loadConfigOrPreset } = await import('../io.js');
      const config = loadConfigOrPreset(file, ctx.modules, ctx.configFiles);
      ctx.io.out(`${file}: valid configuration '${config.planner.name}'${config.warnings.length ? `, ${config.warnings.length} warning(s)` : ''}\n`);
      for (const w of config.warnings) ctx.io.out(`  warning: ${w}\n`);
    });
}
