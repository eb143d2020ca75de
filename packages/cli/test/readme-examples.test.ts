import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { here } from './helpers.js';

// Each package README's example, run as written (its code blocks, not a copy), with what the README says it
// prints. The cli package depends on every package the examples import, so the scripts are written inside it
// (module resolution starts at the script) and run from a scratch folder that links `packages/`, where the
// examples' own files (planner.db, report.html, my-planner.toml) land.

const root = here('../../../');
const tsx = join(root, 'node_modules/.bin/tsx');
const scripts = mkdtempSync(join(here('.'), '.readme-'));
const work = mkdtempSync(join(tmpdir(), 'planner-readme-'));
symlinkSync(join(root, 'packages'), join(work, 'packages'));
afterAll(() => {
  rmSync(scripts, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

interface Part {
  /** Index among the README's fenced code blocks. */
  readonly block: number;
  /** In braces of its own, for a block that repeats a name of an earlier one (its imports are hoisted). */
  readonly scoped?: boolean;
}

interface Example {
  readonly pkg: string;
  readonly parts: readonly Part[];
  /** Files the example reads, written first: name and the block that holds them. */
  readonly files?: readonly { name: string; block: number }[];
  /** Texts the README shows and the run prints. */
  readonly prints: readonly string[];
  /** Files the example writes. */
  readonly writes?: readonly string[];
}

const EXAMPLES: readonly Example[] = [
  { pkg: 'calculators', parts: [{ block: 1 }], prints: ["reason: 'High quality (score: 0.82)'", 'quantity: 6'] },
  { pkg: 'context', parts: [{ block: 1 }], prints: ['2000', '100.0%'] },
  { pkg: 'evaluation', parts: [{ block: 1 }], prints: ['current 79', 'end state 75.52', 'scenarios_evaluated: 5'] },
  { pkg: 'filters', parts: [{ block: 1 }], prints: ["[ 'B+C', 'A+D' ]"] },
  { pkg: 'patterns', parts: [{ block: 1 }], prints: ["[ 'SELL PT1, SELL PT2, BUY AD1, BUY AD2, BUY RB1' ]"] },
  { pkg: 'sequences', parts: [{ block: 1 }], prints: ['SELL S1, BUY B1', 'SELL S1, BUY B2', 'SELL S2, BUY B1'] },
  {
    pkg: 'config',
    parts: [{ block: 1 }, { block: 3, scoped: true }],
    files: [{ name: 'my-planner.toml', block: 2 }],
    prints: ['3', '{ correlationThreshold: 0.8, lookbackDays: 252 }', 'max_depth = 3', '[compat]'],
  },
  {
    pkg: 'example-plugin',
    parts: [{ block: 2 }],
    prints: [
      'BUY FAST.EU 15 Strong momentum: grew 24.0% a year over 5 years with a Sharpe ratio of 1.90',
      'BUY STEADY.US 2 High quality (score: 0.80)',
    ],
  },
  {
    pkg: 'planner',
    parts: [{ block: 1 }, { block: 2 }],
    prints: [
      'Buy €200 of Delta (D) Reason: Good value.',
      'This plan deploys available cash into high-quality opportunities. The plan consists of 1 action(s): • Buy €200 in D Expected portfolio improvement: +1.0 points (from 50.0 to 51.0).',
    ],
  },
  { pkg: 'report', parts: [{ block: 0 }], prints: [], writes: ['report.html'] },
  {
    pkg: 'buckets',
    parts: [{ block: 1 }],
    prints: [
      '0.29', 'core { EUR: 5100 } - 6', 'momentum_1 { EUR: 900 } 1 2',
      "dips { EUR: 0 } - bucket 'dips' is research: only active and accumulating buckets are planned (change its status to plan it)",
      '[momentum_1] Underweight EU by 13.2%', 'finished 1493 6',
    ],
    writes: ['planner.db'],
  },
  { pkg: 'store', parts: [{ block: 1 }], prints: ['{ total: 1, evaluated: 1, finished: true }', "hash: 'h0'", 'score: 0.61'], writes: ['planner.db'] },
];

function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```\w*\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');
}

/** The parts as one module: every import first, a scoped part in braces. */
function script(blocks: readonly string[], parts: readonly Part[]): string {
  const imports: string[] = [];
  const bodies: string[] = [];
  for (const part of parts) {
    const lines = (blocks[part.block] ?? '').split('\n');
    const body = lines.filter((l) => !l.startsWith('import '));
    imports.push(...lines.filter((l) => l.startsWith('import ')));
    bodies.push(part.scoped === true ? `{\n${body.join('\n')}\n}` : body.join('\n'));
  }
  return `${imports.join('\n')}\n${bodies.join('\n')}\n`;
}

/** Node prints an object over several lines where the README writes it on one: compare with spaces collapsed. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('package README examples run as written', () => {
  for (const ex of EXAMPLES) {
    it(`packages/${ex.pkg}/README.md`, () => {
      const readme = readFileSync(join(root, 'packages', ex.pkg, 'README.md'), 'utf8');
      const blocks = codeBlocks(readme);
      for (const file of ex.files ?? []) writeFileSync(join(work, file.name), blocks[file.block] ?? '');
      for (const file of ex.writes ?? []) rmSync(join(work, file), { force: true });
      const path = join(scripts, `${ex.pkg}.mts`);
      writeFileSync(path, script(blocks, ex.parts));
      const r = spawnSync(tsx, ['--conditions=source', path], { cwd: work, encoding: 'utf8' });
      expect(r.stderr.includes('Error') ? r.stderr : '').toBe('');
      expect(r.status).toBe(0);
      for (const text of ex.prints) {
        expect(flat(r.stdout)).toContain(flat(text));
        expect(flat(readme)).toContain(flat(text));
      }
      for (const file of ex.writes ?? []) expect(existsSync(join(work, file))).toBe(true);
    }, 120_000);
  }
});

describe('the root README quick start', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const quickStart = readme.slice(readme.indexOf('## Quick start'));
  const [install, main] = (codeBlocks(quickStart)[0] ?? '').split('\n')[0]?.split(' && ') ?? [];

  it('installs with pnpm, then runs the built command with node (no npx or pnpm start-up in front)', () => {
    expect(install).toBe('npx -y pnpm@10.34.9 install');
    expect(main).toBe('node packages/cli/dist/bin/planner.cjs plan packages/cli/examples/portfolio.json');
  });

  it('prints the plan, and with --json nothing but the Plan JSON on stdout', () => {
    const text = spawnSync('sh', ['-c', main ?? 'false'], { cwd: root, encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Plan for packages\/cli\/examples\/portfolio\.json \(config default, seed 0\)\n/);
    const json = spawnSync('sh', ['-c', `${main} --json`], { cwd: root, encoding: 'utf8' });
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as { steps: unknown[] }).steps.length).toBeGreaterThan(0);
  });
});
