import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWithCodeCache, writeCodeCache } from '../src/code-cache.js';
import { mainBuildFor, onlyPrintsHelp } from '../src/command-line.js';
import { loadMain, mainFiles, makeCodeCache } from '../src/load-main.js';
import { loadBuiltMain, mainFilesIn } from '../src/main-files.js';
import { cli, here } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'planner-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Probe {
  double(x: number): number;
  separator: string;
  later(): Promise<string>;
}

const SOURCE = `
exports.double = (x) => x * 2;
exports.separator = require('node:path').sep;
exports.later = async () => (await import('node:path')).basename('/a/b.txt');
`;

/** The source as the build leaves it: its hash as the last line. */
const withBuildId = (source: string): string => `${source}\n//# planner-build ${createHash('sha1').update(source).digest('hex')}\n`;

/** A CommonJS file with a cache made after running it; returns both paths. */
function madeWithCache(name: string): { file: string; cache: string } {
  const file = join(dir, `${name}.cjs`);
  const cache = join(dir, `${name}.v8-cache`);
  // Another text per file: V8 reuses what this process compiled from the same text, whatever the cache says.
  writeFileSync(file, withBuildId(`${SOURCE}// ${name}\n`));
  const loaded = loadWithCodeCache<Probe>(file, null);
  expect(loaded.exports.double(21)).toBe(42);
  writeCodeCache(loaded, cache);
  return { file, cache };
}

async function works(exports: Probe): Promise<void> {
  expect(exports.double(4)).toBe(8);
  expect(exports.separator).toBe('/');
  expect(await exports.later()).toBe('b.txt');
}

describe('loading a CommonJS file with its V8 code cache', () => {
  it('uses a cache made from the same file', async () => {
    const { file, cache } = madeWithCache('same');
    const loaded = loadWithCodeCache<Probe>(file, cache);
    expect(loaded.cache).toBe('used');
    await works(loaded.exports);
  });

  it('runs without a cache when there is none', async () => {
    const file = join(dir, 'none.cjs');
    writeFileSync(file, withBuildId(SOURCE));
    const loaded = loadWithCodeCache<Probe>(file, join(dir, 'none.v8-cache'));
    expect(loaded.cache).toBe('absent');
    await works(loaded.exports);
  });

  // V8 rejecting a corrupt cache needs a fresh process (it reuses what this one compiled): see the built command below.

  it('a cache of an earlier build of the file is not used, even at the same length', async () => {
    const { file, cache } = madeWithCache('rebuilt');
    writeFileSync(file, withBuildId(SOURCE.replace('x * 2', 'x + x')));
    const loaded = loadWithCodeCache<Probe>(file, cache);
    expect(loaded.cache).toBe('stale');
    await works(loaded.exports);
  });

  it('a file without a build id gets no cache', async () => {
    const { file, cache } = madeWithCache('no-id');
    writeFileSync(file, SOURCE);
    const loaded = loadWithCodeCache<Probe>(file, cache);
    expect(loaded.cache).toBe('stale');
    await works(loaded.exports);
    expect(() => writeCodeCache(loaded, cache)).toThrow(/no build id/);
  });

  it('a truncated cache file is not used', async () => {
    const { file, cache } = madeWithCache('truncated');
    writeFileSync(cache, readFileSync(cache).subarray(0, 10));
    expect(loadWithCodeCache<Probe>(file, cache).cache).toBe('stale');
  });
});

describe('the command\'s code', () => {
  it('from the sources: the ES modules, with the planner code the cold probe times', async () => {
    expect(mainFiles().file).toMatch(/[\\/]main[\\/]planner-main\.cjs$/);
    expect(mainFiles('plan').file).toMatch(/[\\/]main[\\/]planner-plan\.cjs$/);
    for (const build of ['plan', 'all'] as const) {
      const { main, cache } = await loadMain(build);
      expect(cache).toBe('sources');
      const core = await main.loadColdCore();
      const modules = core.standardModules();
      const planner = core.createPlanner({ config: core.chooseConfig({ preset: 'conservative' }, modules), modules });
      expect((await planner.plan(core.readSnapshot(here('../examples/portfolio.json')))).configName).toBe('conservative');
    }
  });

  it('a plain `planner plan` takes the plan-only build, also after root options; --buckets, --html and other commands the whole one', () => {
    for (const args of [['plan', 'x.json'], ['plan', 'x.json', '--json', '--preset', 'aggressive'], ['--plugin', './p.js', 'plan', 'x.json'], ['--plugin=./p.js', 'plan', '-']]) {
      expect(mainBuildFor(args), args.join(' ')).toBe('plan');
    }
    for (const args of [['plan', 'x.json', '--html', 'r.html'], ['plan', 'x.json', '--html=r.html'], ['plan', 'x.json', '--buckets', '--db', 'b.sqlite'],
      ['bench'], ['config', 'show'], ['--plugin', 'plan', 'bench'], ['--bogus', 'plan', 'x.json'], []]) {
      expect(mainBuildFor(args), args.join(' ')).toBe('all');
    }
  });

  it('make-code-cache plans each snapshot with the three presets, then writes a cache the next load uses; a failing plan is an error', async () => {
    const files = { file: join(dir, 'main.cjs'), cache: join(dir, 'main.v8-cache') };
    cpSync(here('../dist/main/planner-main.cjs'), files.file);
    cpSync(here('../dist/main/import-module.cjs'), join(dir, 'import-module.cjs'));
    expect(await makeCodeCache(files, [here('../examples/portfolio.json')])).toBeGreaterThan(40);
    expect(readFileSync(files.cache).subarray(0, 40).toString()).toMatch(/^[0-9a-f]{40}$/);
    expect(loadWithCodeCache(files.file, files.cache).cache).toBe('used');
    await expect(makeCodeCache(files, [here('../examples/portfolio.json'), join(dir, 'missing.json')])).rejects.toThrow(/planning .*missing\.json with the default preset failed \(exit 2\)/);
  });

  it('a build folder: its plan-only file compiled with the cache made for it, planning as the sources do', async () => {
    const build = join(dir, 'build');
    mkdirSync(build);
    cpSync(here('../dist/main/planner-plan.cjs'), join(build, 'planner-plan.cjs'));
    cpSync(here('../dist/main/import-module.cjs'), join(build, 'import-module.cjs'));
    expect(loadBuiltMain(build, 'plan').cache).toBe('absent');
    const example = here('../examples/portfolio.json');
    await makeCodeCache(mainFilesIn(build, 'plan'), [example]);
    const { main, cache } = loadBuiltMain(build, 'plan');
    expect(cache).toBe('used');
    let out = '';
    const code = await main.run(['plan', example, '--preset', 'aggressive', '--json'], { out: (s) => { out += s; }, err: () => undefined });
    expect(code).toBe(0);
    const fromSources = await cli('plan', example, '--preset', 'aggressive', '--json');
    const withoutTimings = (text: string) => ({ ...JSON.parse(text), timings: {} });
    expect(withoutTimings(out)).toEqual(withoutTimings(fromSources.out));
  });

  it('make-code-cache then plans the first snapshot with each configuration file (--config)', async () => {
    const files = { file: join(dir, 'main-config.cjs'), cache: join(dir, 'main-config.v8-cache') };
    cpSync(here('../dist/main/planner-plan.cjs'), files.file);
    cpSync(here('../dist/main/import-module.cjs'), join(dir, 'import-module.cjs'));
    const config = join(dir, 'overrides.toml');
    writeFileSync(config, 'extends = "conservative"\n[planner]\nmax_depth = 3\n');
    expect(await makeCodeCache(files, [here('../examples/portfolio.json')], [config])).toBeGreaterThan(40);
    await expect(makeCodeCache(files, [here('../examples/portfolio.json')], [config, join(dir, 'missing.toml')]))
      .rejects.toThrow(/planning .*portfolio\.json with .*missing\.toml failed \(exit 2\)/);
  });
});

describe('the built command with and without its code cache', () => {
  // A copy of the built command (made at install), so the cache can be removed and damaged.
  const dist = join(dir, 'dist');
  cpSync(here('../dist/bin'), join(dist, 'bin'), { recursive: true });
  cpSync(here('../dist/main'), join(dist, 'main'), { recursive: true });
  cpSync(here('../dist/presets'), join(dist, 'presets'), { recursive: true });
  const example = here('../examples/portfolio.json');
  // What `planner plan` and the probe load (the plan-only build).
  const cacheFile = join(dist, 'main', 'planner-plan.v8-cache');
  // The installed bin (CommonJS) and the ES launcher (what `tsx src/bin.ts` runs, built).
  const bin = join(dist, 'bin', 'planner.cjs');
  const plan = (launcher = bin) => {
    const r = spawnSync(process.execPath, [launcher, 'plan', example, '--json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { timings: _t, ...rest } = JSON.parse(r.stdout) as { timings: unknown };
    return rest;
  };
  const probeCache = () => {
    const r = spawnSync(process.execPath, [join(dist, 'bin', 'cold-probe.js'), example], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { codeCache: string }).codeCache;
  };

  it('plans the same with the cache, with a corrupt one and without one, from either launcher', () => {
    expect(probeCache()).toBe('used');
    const cached = plan();
    expect(plan(join(dist, 'bin', 'planner.js'))).toEqual(cached);
    const bytes = readFileSync(cacheFile);
    writeFileSync(cacheFile, Buffer.concat([bytes.subarray(0, 40), Buffer.alloc(bytes.length - 40, 7)]));
    expect(probeCache()).toBe('rejected');
    expect(plan()).toEqual(cached);
    rmSync(cacheFile);
    expect(probeCache()).toBe('absent');
    expect(plan()).toEqual(cached);
  });

  it('a plain plan runs the plan-only build alone; --html and other commands run the whole build', () => {
    const whole = join(dir, 'whole-build');
    cpSync(join(dist), whole, { recursive: true });
    // The whole build replaced by one that fails as it loads: what still works did not load it.
    writeFileSync(join(whole, 'main', 'planner-main.cjs'), "throw new Error('the whole build was loaded');\n");
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(whole, 'bin', 'planner.cjs'), ...args], { encoding: 'utf8' });
    const planned = cli('plan', example, '--json');
    expect(planned.status, planned.stderr).toBe(0);
    const { timings: _t, ...rest } = JSON.parse(planned.stdout) as { timings: unknown };
    expect(rest).toEqual(plan());
    for (const args of [['plan', example, '--html', join(dir, 'report.html')], ['config', 'show']]) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/the whole build was loaded/);
    }
  });

  it('loads a plugin from code compiled with its cache (Node 20 cannot import() from it: src/import-module.ts)', () => {
    const fresh = join(dir, 'fresh');
    for (const part of ['bin', 'main', 'presets']) cpSync(here(`../dist/${part}`), join(fresh, part), { recursive: true });
    const r = spawnSync(process.execPath, [join(fresh, 'bin', 'cold-probe.js'), example], { encoding: 'utf8' });
    expect((JSON.parse(r.stdout) as { codeCache: string }).codeCache).toBe('used');
    const plugin = join(dir, 'not-a-list.mjs');
    writeFileSync(plugin, 'export const modules = 5;\n');
    for (const launcher of [join(fresh, 'bin', 'planner.cjs'), join(fresh, 'bin', 'planner.js')]) {
      const r = spawnSync(process.execPath, [launcher, '--plugin', plugin, 'plan', example], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      // Imported: what it exports is checked (a failed import says "failed to load").
      expect(r.stderr).toMatch(/plugin '.*not-a-list\.mjs' \(--plugin\) is not a module list: .* found a number/);
    }
  });

  it("a plan loads no child_process (commander's loads when first used, and planner never spawns a subcommand)", () => {
    const report = join(dir, 'builtins.cjs');
    writeFileSync(report, "process.on('exit', () => process.stderr.write('BUILTINS ' + process.moduleLoadList.join(',') + '\\n'));\n");
    const r = spawnSync(process.execPath, ['--require', report, bin, 'plan', example, '--json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const builtins = /BUILTINS (.*)/.exec(r.stderr)?.[1]?.split(',') ?? [];
    expect(builtins).toContain('NativeModule vm');
    expect(builtins.filter((m) => /child_process|dgram/.test(m))).toEqual([]);
  });

  it('--help and --version load no zod (so no schema and no module): only the command line definitions', () => {
    expect([['--help'], ['plan', '-h'], ['-V'], []].every(onlyPrintsHelp)).toBe(true);
    expect(onlyPrintsHelp(['plan', 'x.json'])).toBe(false);
    // Node's module hooks list every file the command loads.
    const log = join(dir, 'loaded.txt');
    writeFileSync(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }`);
    writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module'; register('./hooks.mjs', import.meta.url);`);
    const loadedBy = (...args: string[]) => {
      rmSync(log, { force: true });
      const r = spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), bin, ...args], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(log, 'utf8').split('\n').filter((url) => url.startsWith('file:'));
    };
    const withZod = (urls: string[]) => urls.filter((url) => readFileSync(new URL(url), 'utf8').includes('ZodObject'));
    for (const args of [['--help'], ['--version'], ['plan', '--help']]) {
      const urls = loadedBy(...args);
      expect(urls.some((url) => url.endsWith('/bin/program.js'))).toBe(true);
      expect(withZod(urls), args.join(' ')).toEqual([]);
    }
    // A plan imports no ES module: its code comes from the CommonJS file with its cache.
    expect(loadedBy('plan', example).filter((url) => url.endsWith('.js'))).toEqual([]);
  });
});
