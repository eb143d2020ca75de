import { Command } from 'commander';
import type { Context } from '../context.js';
import { readSnapshot } from '../io.js';

export function snapshotValidateCommand(ctx: Context): Command {
  return new Command('validate')
    .description('check a portfolio snapshot (JSON); errors exit with code 2')
    .argument('<file>', 'snapshot file')
    .action((file: string) => {
      const s = readSnapshot(file);
      ctx.io.out(`${file}: valid snapshot (${s.securities.length} securities, ${s.positions.length} positions)\n`);
    });
}
