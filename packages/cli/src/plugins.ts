import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, type InputIssue, type PlannerModule } from '@planner/contracts';
import { isPresetName, paramDocsWarnings, pluginsAndExtendsOfTables } from '@planner/config';
import type { ConfigFiles } from '@planner/config/node';
// Through a module Node loads itself: the cached bundle cannot import (src/import-module.ts).
import { importModule } from './import-module.js';

// The configuration files one command reads (commandModules creates them with the plugin step).
export { ConfigFiles } from '@planner/config/node';

const KINDS = new Set(['calculator', 'pattern', 'sequence_generator', 'filter', 'evaluator']);

/** Where a plugin was named: `--plugin` (from the working directory) or a config file's `plugins` (from its directory). */
export interface PluginRequest {
  readonly specifier: string;
  readonly baseDir: string;
  /** For messages: `--plugin` or `plugins[i] of FILE`. */
  readonly from: string;
}

/** The modules a CLI run uses, and where each plugin module came from. */
export interface LoadedModules {
  readonly modules: readonly PlannerModule[];
  /** Plugin module → the specifier it was loaded from (standard modules are absent). */
  readonly origins: ReadonlyMap<PlannerModule, string>;
  /** What is wrong with the plugins that does not stop a run (a `paramDocs` key naming no param), each naming its plugin. */
  readonly warnings: readonly string[];
}

function resolveSpecifier(req: PluginRequest): string | null {
  const relative = req.specifier.startsWith('.') || isAbsolute(req.specifier);
  try {
    if (relative) {
      const path = resolve(req.baseDir, req.specifier);
      readFileSync(path); // not found → throws
      return pathToFileURL(path).href;
    }
    return pathToFileURL(createRequire(join(req.baseDir, 'noop.js')).resolve(req.specifier)).href;
  } catch {
    return null;
  }
}

function isModule(value: unknown): value is PlannerModule {
  if (value === null || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  return KINDS.has(m.kind as string) && typeof m.name === 'string' && typeof (m.params as { safeParse?: unknown } | undefined)?.safeParse === 'function';
}

function describe(value: unknown): string {
  if (value === undefined) return 'no such export';
  if (Array.isArray(value)) return `an array whose item ${value.findIndex((v) => !isModule(v))} is not a define* value`;
  return `a ${value === null ? 'null' : typeof value}`;
}

/** Imports one plugin and returns its module list; a ConfigError names the plugin and what is wrong. */
async function loadOne(req: PluginRequest): Promise<PlannerModule[]> {
  const url = resolveSpecifier(req);
  if (url === null) {
    throw new ConfigError([{ path: 'plugins', message: `plugin '${req.specifier}' (${req.from}) not found from ${req.baseDir}` }]);
  }
  let ns: Record<string, unknown>;
  try {
    ns = await importModule(url);
  } catch (error) {
    throw new ConfigError([{ path: 'plugins', message: `plugin '${req.specifier}' (${req.from}) failed to load: ${(error as Error).message}` }], undefined, { cause: error });
  }
  const list = ns.modules ?? ns.default;
  if (!Array.isArray(list) || list.length === 0 || !list.every(isModule)) {
    throw new ConfigError([{
      path: 'plugins',
      message: `plugin '${req.specifier}' (${req.from}) is not a module list: expected its 'modules' (or default) export to be a non-empty array of define* values, found ${describe(list)}`,
    }]);
  }
  // A plugin module must accept its own defaults, or no configuration can enable it.
  const issues: InputIssue[] = [];
  for (const m of list) {
    const r = m.params.safeParse({});
    if (!r.success) {
      issues.push({ path: 'plugins', message: `plugin '${req.specifier}': ${m.kind} '${m.name}' rejects its own default params: ${r.error.issues.map((i) => i.message).join('; ')}` });
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return list;
}

/**
 * The standard modules plus every requested plugin's modules. A plugin module
 * whose kind and name clash with a standard module or another plugin's is an
 * error naming both.
 */
export async function loadPlugins(standard: readonly PlannerModule[], requests: readonly PluginRequest[]): Promise<LoadedModules> {
  const owner = new Map<string, string>();
  for (const m of standard) owner.set(`${m.kind}:${m.name}`, 'the standard modules');
  const modules = [...standard];
  const origins = new Map<PlannerModule, string>();
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  for (const req of requests) {
    const key = `${req.baseDir}\0${req.specifier}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const m of await loadOne(req)) {
      const id = `${m.kind}:${m.name}`;
      const other = owner.get(id);
      if (other !== undefined) {
        issues.push({ path: 'plugins', message: `${m.kind} '${m.name}' of plugin '${req.specifier}' clashes with the ${m.kind} of that name in ${other === 'the standard modules' ? other : `plugin '${other}'`}` });
        continue;
      }
      owner.set(id, req.specifier);
      modules.push(m);
      origins.set(m, req.specifier);
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  // A plugin is third-party code the user cannot fix: its documentation slips are warned about, not refused.
  const warnings = [...origins].flatMap(([m, specifier]) => paramDocsWarnings([m]).map((w) => `plugin '${specifier}': ${w}`));
  return { modules, origins, warnings };
}

/**
 * `--plugin X` / `--plugin=X` (from the working directory) and the `plugins` of `--config FILE` and of the files it extends (each from its directory).
 * The configuration files are read and parsed through `files`, which the command's configuration step reuses (one read and parse each).
 */
export function pluginRequests(argv: readonly string[], cwd: string, files: ConfigFiles): PluginRequest[] {
  const out: PluginRequest[] = [];
  const configs: string[] = [];
  // `config validate FILE` and `config diff A B` name configuration files positionally.
  if (argv[0] === 'config' && (argv[1] === 'validate' || argv[1] === 'diff')) {
    for (const a of argv.slice(2)) if (!a.startsWith('-') && a.endsWith('.toml')) configs.push(a);
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') break;
    const value = (name: string): string | undefined =>
      a === name ? argv[i + 1] : a.startsWith(`${name}=`) ? a.slice(name.length + 1) : undefined;
    const plugin = value('--plugin');
    if (plugin !== undefined) out.push({ specifier: plugin, baseDir: cwd, from: '--plugin' });
    const file = value('--config');
    if (file !== undefined) configs.push(file);
  }
  for (const config of configs) out.push(...chainPlugins(config, cwd, files));
  return out;
}

/**
 * The `plugins` of a configuration file and of every file its `extends` chain
 * reaches (a module table of an extended file may name a plugin module), each
 * relative to its own file. Stops at a preset, a file it cannot read or a file
 * met twice: loading the configuration reports those.
 */
function chainPlugins(config: string, cwd: string, files: ConfigFiles): PluginRequest[] {
  const out: PluginRequest[] = [];
  const seen = new Set<string>();
  let path = resolve(cwd, config);
  let shown = config;
  while (!seen.has(path)) {
    seen.add(path);
    try {
      files.text(path);
    } catch {
      break;
    }
    const dir = dirname(path);
    // one parse of the text for both, kept for the configuration step
    const { plugins, extends: reference } = pluginsAndExtendsOfTables(files.tables(path, shown), shown);
    plugins.forEach((specifier, i) => out.push({ specifier, baseDir: dir, from: `plugins[${i}] of ${shown}` }));
    if (reference === undefined || isPresetName(reference)) break;
    path = resolve(dir, reference);
    shown = isAbsolute(shown) || isAbsolute(reference) ? path : relative(cwd, path);
  }
  return out;
}
