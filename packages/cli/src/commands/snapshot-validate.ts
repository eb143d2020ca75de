import { Command } from 'commander';
import type { Context } from '../context.js';

export function snapshotValidateCommand(ctx: Context): Command {
  return new Command('validate')
    .description('check a portfolio snapshot (JSON); errors exit with code 2')
    .argument('<file>', 'snapshot file')
    .option('--max-input-mb <n>', 'refuse a snapshot larger than this many MiB (default 64)')
    .action(async (file: string, opts: { maxInputMb?: string }) => {
      const { parseMaxInput, readSnapshot } = await import('../io.js');
      const s = readSnapshot(file, parseMaxInput(opts.maxInputMb));
      ctx.io.out(`${file}: valid snapshot (${s.securities.length} securities, ${s.positions.length} positions)\n`);
    });
}
