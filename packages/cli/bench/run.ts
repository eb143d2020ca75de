// The benchmark harness behind `pnpm bench` (DESIGN.md §8). Run from the
// repository root: tsx --conditions=source packages/cli/bench/run.ts [options]
//
// It lives in packages/cli (not tooling/) because tooling/ has no node_modules
// through which the @planner/* workspace packages resolve.
//
//   (a) every scenario x parity preset: warm in-process median / p95 of plan(snapshot)
//       (end to end) and of plan(prepared) (planner.prepare(snapshot) built before the
//       timer: input construction excluded, as the reference was measured), sequences
//       evaluated per second, the reference median (REFERENCE_TIMINGS.md), both ratios
//       reference / ours and whether the plan matches its golden (FORMAT.md rules);
//   (b) generated portfolios of 10..500 securities at depth 1..5 (default parity config,
//       or --scaling-preset conservative|aggressive);
//   (c) configuration parsing + planner creation per preset.
// Prints markdown tables and writes everything to bench-results/latest.json.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Plan, PlannerConfig, PortfolioSnapshot } from '@planner/contracts';
import { parseConfig, serializeConfig } from '@planner/config';
import { parseSnapshot } from '@planner/context';
import { createPlanner } from '@planner/planner';
import { readReferenceTimings } from '../src/bench/reference-timings.js';
import { timeRuns } from '../src/bench/warm.js';
import { standardModules } from '../src/modules.js';
import { type Golden, goldenDiff } from '../test/golden.js';
import { generatePortfolio } from './generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const scenarioDir = resolve(here, '../test/scenarios');
const PRESETS = ['default', 'conservative', 'aggressive'] as const;
const SIZES = [10, 30, 60, 120, 500] as const;
const DEPTHS = [1, 2, 3, 4, 5] as const;

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '10' },
    only: { type: 'string' },
    section: { type: 'string', default: 'abc' },
    out: { type: 'string', default: join(root, 'bench-results/latest.json') },
    'scaling-preset': { type: 'string', default: 'default' },
  },
});
const RUNS = positiveInt(opts.runs, '--runs');
const WARMUP = positiveInt(opts.warmup, '--warmup');
const modules = standardModules();

function positiveInt(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${what}: expected an integer at least 1, found ${JSON.stringify(text)}`);
  return n;
}

interface Timing {
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly runs: number;
}

/** Warm up (`warmup` runs and at least 300 ms), then time `runs` calls (the loop of `planner bench`). */
async function time(fn: () => Promise<unknown> | unknown, runs: number, warmup: number): Promise<Timing> {
  const t0 = performance.now();
  for (let i = 0; i < warmup || performance.now() - t0 < 300; i++) await fn();
  return timeRuns(fn, runs);
}

const perSecond = (count: number, ms: number): number => (ms > 0 ? (count * 1000) / ms : 0);
const fx = (n: number, d: number): string => n.toFixed(d);
const big = (n: number): string => Math.round(n).toLocaleString('en-US');

function table(headers: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>): string {
  const width = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (right.has(i) ? c.padStart(width[i]!) : c.padEnd(width[i]!))).join(' | ')} |`;
  const rule = `|${width.map((w, i) => (right.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** REFERENCE_TIMINGS.md's warm table: scenario -> [default, conservative, aggressive] ms. */
function referenceTimings(): Map<string, number[]> {
  const { warm } = readReferenceTimings(join(scenarioDir, 'REFERENCE_TIMINGS.md'));
  return new Map([...warm].map(([name, row]) => [name, [row.default, row.conservative, row.aggressive]]));
}

const parityToml = (preset: string): string => readFileSync(join(scenarioDir, `configs/${preset}.toml`), 'utf8');

// ---- (a) scenarios

interface ScenarioResult extends Timing {
  readonly scenario: string;
  readonly preset: string;
  readonly generated: number;
  readonly evaluated: number;
  readonly sequencesPerSecond: number;
  readonly referenceMs: number | null;
  /** Reference / end-to-end median (the median fields are plan(snapshot)'s). */
  readonly ratio: number | null;
  /** plan(prepared): the context and scorer tables built before the timer. */
  readonly prepared: Timing;
  readonly preparedRatio: number | null;
  readonly matchesGolden: boolean;
  readonly differences: readonly string[];
}

async function scenarios(): Promise<ScenarioResult[]> {
  const refs = referenceTimings();
  const names = readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.input.json'))
    .map((f) => f.slice(0, -'.input.json'.length))
    .filter((n) => opts.only === undefined || n.includes(opts.only))
    .sort();
  const inputs = names.map((scenario) => ({
    scenario,
    snapshot: parseSnapshot(readFileSync(join(scenarioDir, `${scenario}.input.json`), 'utf8')),
  }));
  const planners = new Map(PRESETS.map((p) => [p, createPlanner({ config: parseConfig(parityToml(p), { modules }), modules })]));
  // Warm the whole pipeline on every case first, so the first cases measured are not the ones paying for JIT compilation.
  const w0 = performance.now();
  while (performance.now() - w0 < 2000) {
    for (const { snapshot } of inputs) {
      for (const planner of planners.values()) {
        await planner.plan(snapshot, { seed: snapshot.seed ?? 0 });
        await planner.plan(planner.prepare(snapshot), { seed: snapshot.seed ?? 0 });
      }
    }
  }
  const out: ScenarioResult[] = [];
  for (const { scenario, snapshot } of inputs) {
    for (const [p, preset] of PRESETS.entries()) {
      const golden = JSON.parse(readFileSync(join(scenarioDir, `${scenario}.${preset}.golden.json`), 'utf8')) as Golden;
      const planner = planners.get(preset)!;
      const options = { seed: golden.seed };
      const plan = await planner.plan(snapshot, options);
      const t = await time(() => planner.plan(snapshot, options), RUNS, WARMUP);
      const prepared = planner.prepare(snapshot);
      const preparedPlan = await planner.plan(prepared, options);
      const tp = await time(() => planner.plan(prepared, options), RUNS, WARMUP);
      const ref = refs.get(scenario)?.[p] ?? null;
      const differences = [...goldenDiff(plan, golden), ...goldenDiff(preparedPlan, golden).map((d) => `prepared: ${d}`)];
      out.push({
        scenario, preset, ...t,
        generated: plan.funnel.generated,
        evaluated: plan.funnel.evaluated,
        sequencesPerSecond: perSecond(plan.funnel.evaluated, t.medianMs),
        referenceMs: ref,
        ratio: ref === null ? null : ref / t.medianMs,
        prepared: tp,
        preparedRatio: ref === null ? null : ref / tp.medianMs,
        matchesGolden: differences.length === 0,
        differences,
      });
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  return out;
}

// ---- (b) generated portfolios

interface ScalingResult extends Timing {
  readonly securities: number;
  readonly depth: number;
  readonly opportunities: number;
  readonly generated: number;
  readonly evaluated: number;
  readonly sequencesPerSecond: number;
  readonly plansPerSecond: number;
}

function withDepth(base: PlannerConfig, depth: number): PlannerConfig {
  // Through TOML, so the changed configuration is validated as a user's would be.
  return parseConfig(serializeConfig({ ...base, planner: { ...base.planner, maxDepth: depth } }), { modules });
}

async function scaling(): Promise<ScalingResult[]> {
  const base = parseConfig(parityToml(opts['scaling-preset']), { modules });
  const out: ScalingResult[] = [];
  for (const size of SIZES) {
    const snapshot: PortfolioSnapshot = parseSnapshot(generatePortfolio(size));
    // The largest portfolio runs fewer times to keep the whole bench within minutes.
    const runs = size >= 500 ? Math.max(5, Math.ceil(RUNS / 2)) : RUNS;
    const warmup = size >= 500 ? Math.max(2, Math.ceil(WARMUP / 3)) : WARMUP;
    for (const depth of DEPTHS) {
      const planner = createPlanner({ config: withDepth(base, depth), modules });
      const plan: Plan = await planner.plan(snapshot, { seed: 1 });
      const t = await time(() => planner.plan(snapshot, { seed: 1 }), runs, warmup);
      out.push({
        securities: size, depth, ...t,
        opportunities: plan.funnel.opportunities,
        generated: plan.funnel.generated,
        evaluated: plan.funnel.evaluated,
        sequencesPerSecond: perSecond(plan.funnel.evaluated, t.medianMs),
        plansPerSecond: perSecond(1, t.medianMs),
      });
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  return out;
}

// ---- (c) planner creation

interface CreationResult extends Timing {
  readonly config: string;
}

async function creation(): Promise<CreationResult[]> {
  const sources = [
    ...PRESETS.map((p) => ({ config: `preset ${p}`, toml: readFileSync(join(root, `presets/${p}.toml`), 'utf8') })),
    ...PRESETS.map((p) => ({ config: `parity ${p}`, toml: parityToml(p) })),
  ];
  const out: CreationResult[] = [];
  for (const { config, toml } of sources) {
    const t = await time(() => createPlanner({ config: parseConfig(toml, { modules }), modules }), Math.max(RUNS, 50), WARMUP);
    out.push({ config, ...t });
  }
  return out;
}

// ---- report

function report(a: ScenarioResult[], b: ScalingResult[], c: CreationResult[]): string {
  const parts: string[] = [];
  if (a.length > 0) {
    parts.push(`### Scenarios x parity presets (warm, in-process, ${RUNS} runs after ${WARMUP}+ warm-up)\n`);
    parts.push(
      'End to end: `plan(snapshot)`, context building included. Prepared: `plan(planner.prepare(snapshot))`, the context ' +
        'and the scorer tables built before the timer (input construction excluded, as the reference was timed).\n',
    );
    const ratioText = (x: number | null): string => (x === null ? '-' : `${fx(x, 1)}x`);
    parts.push(table(
      ['scenario', 'preset', 'e2e median ms', 'e2e p95 ms', 'e2e ref/ours', 'prepared median ms', 'prepared ref/ours',
        'generated', 'evaluated', 'seq/s', 'ref ms', 'golden'],
      a.map((r) => [
        r.scenario, r.preset, fx(r.medianMs, 3), fx(r.p95Ms, 3), ratioText(r.ratio), fx(r.prepared.medianMs, 3), ratioText(r.preparedRatio),
        String(r.generated), String(r.evaluated), big(r.sequencesPerSecond),
        r.referenceMs === null ? '-' : fx(r.referenceMs, 2), r.matchesGolden ? 'yes' : 'NO',
      ]),
      new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]),
    ));
    const rated = a.filter((r) => r.ratio !== null);
    if (rated.length > 0) {
      const summary = (label: string, ratio: (r: ScenarioResult) => number): string => {
        const slowest = rated.reduce((m, r) => (ratio(r) < ratio(m) ? r : m));
        const geo = Math.exp(rated.reduce((s, r) => s + Math.log(ratio(r)), 0) / rated.length);
        return `${label}: slowest ratio ${fx(ratio(slowest), 1)}x (${slowest.scenario}, ${slowest.preset}); geometric mean ${fx(geo, 1)}x.`;
      };
      parts.push(`\n${summary('End to end', (r) => r.ratio!)}`);
      parts.push(summary('Prepared (input construction excluded)', (r) => r.preparedRatio!));
      parts.push(`Plans matching their golden (both inputs): ${a.filter((r) => r.matchesGolden).length}/${a.length}.`);
      for (const r of a.filter((x) => !x.matchesGolden)) parts.push(`  ${r.scenario}/${r.preset}: ${r.differences.join('; ')}`);
    }
  }
  if (b.length > 0) {
    const sizes = SIZES.filter((size) => b.some((r) => r.securities === size));
    const matrix = (title: string, cell: (r: ScalingResult) => string): void => {
      parts.push(`\n${title}\n`);
      const rows = sizes.map((size) => [
        String(size),
        String(b.find((r) => r.securities === size)!.opportunities),
        ...DEPTHS.map((d) => {
          const r = b.find((x) => x.securities === size && x.depth === d);
          return r ? cell(r) : '-';
        }),
      ]);
      parts.push(table(['securities', 'opportunities', ...DEPTHS.map((d) => `depth ${d}`)], rows, new Set([0, 1, 2, 3, 4, 5, 6])));
    };
    parts.push(`\n### Generated portfolios (half held, mixed currencies, targets), ${opts['scaling-preset']} parity config with max_depth 1..5`);
    matrix('Median ms per plan:', (r) => fx(r.medianMs, 3));
    matrix('Sequences evaluated per second:', (r) => big(r.sequencesPerSecond));
    matrix('Sequences generated / evaluated per plan:', (r) => `${r.generated} / ${r.evaluated}`);
  }
  if (c.length > 0) {
    parts.push('\n### Planner creation (parseConfig + createPlanner)\n');
    parts.push(table(['config', 'median ms', 'p95 ms'], c.map((r) => [r.config, fx(r.medianMs, 3), fx(r.p95Ms, 3)]), new Set([1, 2])));
  }
  return parts.join('\n');
}

const started = performance.now();
const a = opts.section.includes('a') ? await scenarios() : [];
const b = opts.section.includes('b') ? await scaling() : [];
const c = opts.section.includes('c') ? await creation() : [];
const text = report(a, b, c);
process.stdout.write(`${text}\n\nTotal bench time ${fx((performance.now() - started) / 1000, 1)} s.\n`);
const cpu = cpus();
const results = {
  generatedAt: new Date(Date.now()).toISOString(),
  machine: { node: process.version, platform: process.platform, arch: process.arch, cpus: cpu.length, cpuModel: cpu[0]?.model ?? '' },
  settings: { runs: RUNS, warmup: WARMUP, only: opts.only ?? null, sections: opts.section, scalingPreset: opts['scaling-preset'] },
  scenarios: a,
  slowestRatio: a.reduce<number | null>((m, r) => (r.ratio === null ? m : m === null ? r.ratio : Math.min(m, r.ratio)), null),
  slowestPreparedRatio: a.reduce<number | null>(
    (m, r) => (r.preparedRatio === null ? m : m === null ? r.preparedRatio : Math.min(m, r.preparedRatio)),
    null,
  ),
  scaling: b,
  creation: c,
};
mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`Saved ${opts.out}\n`);
