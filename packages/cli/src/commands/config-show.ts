import { Command } from 'commander';
import type { Context } from '../context.js';
import type { ConfigChoice } from '../io.js';

export function configShowCommand(ctx: Context): Command {
  return new Command('show')
    .description('print the resolved configuration (extends applied) as TOML, every key and [compat] included')
    .option('--preset <name>', 'a shipped preset (default, conservative, aggressive)')
    .option('--config <file>', 'a TOML configuration file')
    .action(async (opts: ConfigChoice) => {
      const [{ serializeConfig }, { chooseConfig }] = await Promise.all([import('@planner/config'), import('../io.js')]);
      const config = chooseConfig(opts, ctx.modules, ctx.configFiles);
      ctx.io.out(serializeConfig(config, { modules: ctx.modules }));
      for (const w of config.warnings) ctx.io.err(`warning: ${w}\n`);
    });
}
