import { Command } from 'commander';
import { serializeConfig } from '@planner/config';
import type { Context } from '../context.js';
import { chooseConfig, type ConfigChoice } from '../io.js';

export function configShowCommand(ctx: Context): Command {
  return new Command('show')
    .description('print the resolved configuration (extends applied) as TOML, every key and [compat] included')
    .option('--preset <name>', 'a shipped preset (default, conservative, aggressive)')
    .option('--config <file>', 'a TOML configuration file')
    .action((opts: ConfigChoice) => {
      const config = chooseConfig(opts, ctx.modules);
      ctx.io.out(serializeConfig(config, { modules: ctx.modules }));
      for (const w of config.warnings) ctx.io.err(`warning: ${w}\n`);
    });
}
