import { Command } from 'commander';
import * as z from 'zod/mini';
import type { PlannerModule } from '@planner/contracts';
import { camelToSnake } from '@planner/config';
import type { Context } from '../context.js';

interface ParamInfo {
  readonly name: string;
  readonly type: string;
  readonly default?: unknown;
  readonly description?: string;
}

function paramsOf(module: PlannerModule): ParamInfo[] {
  let schema: { properties?: Record<string, { type?: string; default?: unknown; description?: string; enum?: unknown[] }> };
  try {
    schema = z.toJSONSchema(module.params, { io: 'input', unrepresentable: 'any' }) as typeof schema;
  } catch {
    return [];
  }
  return Object.entries(schema.properties ?? {}).map(([key, p]) => ({
    name: camelToSnake(key),
    type: p.enum ? p.enum.map((v) => JSON.stringify(v)).join('|') : (p.type ?? 'any'),
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(p.description ? { description: p.description } : {}),
  }));
}

export function modulesCommand(ctx: Context): Command {
  return new Command('modules')
    .description('list every module with its params and defaults')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) => {
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
