import type { PlannerModule } from '@planner/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';

// The guide: "no global registries, no import-time side effects". zod's global
// registry is shared by every zod user in the process (globalThis.__zod_globalRegistry),
// so the module files must not write to it when loaded; param descriptions
// travel as each module's `paramDocs`.

type Node = { _zod: { def: Record<string, unknown> } };
const isSchema = (v: unknown): v is Node => typeof v === 'object' && v !== null && '_zod' in v;

/** Paths of every schema node under `root` that zod's global registry holds metadata for. */
function registeredNodes(root: Node, path: string, seen = new Set<Node>()): string[] {
  if (seen.has(root)) return [];
  seen.add(root);
  const found = z.globalRegistry.get(root as never) === undefined ? [] : [path];
  for (const [key, value] of Object.entries(root._zod.def)) {
    const children = isSchema(value) ? [[key, value]] : Array.isArray(value) ? value.map((v, i) => [`${key}[${i}]`, v])
      : value !== null && typeof value === 'object' ? Object.entries(value) : [];
    for (const [name, child] of children) if (isSchema(child)) found.push(...registeredNodes(child, `${path}.${name}`, seen));
  }
  return found;
}

async function allModules(): Promise<readonly PlannerModule[]> {
  const { standardModules } = await import('../src/modules.js');
  const { examplePlugin } = await import('@planner/example-plugin');
  return [...standardModules(), ...examplePlugin];
}

describe("zod's global registry", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('importing the standard modules and the example plugin adds nothing to it', async () => {
    vi.resetModules();
    const add = vi.spyOn(z.globalRegistry, 'add');
    const modules = await allModules();
    expect(modules.length).toBeGreaterThan(27);
    expect(add.mock.calls.map(([, meta]) => meta)).toEqual([]);
  });

  it('holds nothing for any part of their params schemas', async () => {
    const found = (await allModules()).flatMap((m) => registeredNodes(m.params as unknown as Node, `${m.kind} ${m.name}`));
    expect(found).toEqual([]);
  });
});

describe('paramDocs of the standard modules and the example plugin', () => {
  it('names only params the module declares, and documents every param the modules documented before', async () => {
    const modules = await allModules();
    let documented = 0;
    for (const m of modules) {
      const declared = Object.keys((z.toJSONSchema(m.params, { io: 'input', unrepresentable: 'any' }) as { properties?: object }).properties ?? {});
      for (const key of Object.keys(m.paramDocs ?? {})) expect(declared, `${m.kind} ${m.name}: paramDocs.${key}`).toContain(key);
      documented += Object.keys(m.paramDocs ?? {}).length;
    }
    // 13 patterns x max_depth + market_regime, 2 x 6 combinatorial, 4 partial + 9 relaxation, 3 + 2 + 3 + 3 filters, 4 + 2 plugin
    expect(documented).toBe(56);
  });

  it('`planner modules` shows them', async () => {
    const { run } = await import('../src/program.js');
    let out = '';
    expect(await run(['modules'], { out: (s) => { out += s; }, err: () => {} }, await allModules())).toBe(0);
    expect(out).toContain("    max_depth (integer) = (no default)  caps the number of actions in a sequence of this pattern; unset = the planner's max_depth (reference preset value 1)\n");
    expect(out).toContain('    max_sells (integer) = 4  most sells per sequence (further capped at depth // 2)\n');
    expect(out).toContain("    market_regime (\"bull\"|\"bear\"|\"sideways\") = (no default)  regime of this pattern; absent: the planner's market_regime setting\n");
    expect(out).toContain('    min_cagr (number) = 0.12  minimum 5-year CAGR, as a fraction (0.12 = 12% a year)\n');
  });
});
