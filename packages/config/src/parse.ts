import {
  ConfigError, type InputIssue, type ModuleSettings, type ModuleTable, type PlannerConfig, type PlannerModule,
} from '@planner/contracts';
import { evaluatorFor } from './evaluator.js';
import { pluginIssues } from './plugins.js';
import { type ConfigFile, isTable, locateIssues, mergeLayers, readLayers, type ReadExtended } from './extends.js';
import { describeValue, zodIssues } from './issues.js';
import { countLeftOut } from './left-out.js';
import { orderTable, parseParams, SECTIONS, type SectionInfo } from './modules.js';
import {
  CompatSectionSchema, compatFromSection, PLANNER_FIELDS, PLANNER_HINTS, type PlannerSection, PlannerSectionSchema, plannerFromSection,
} from './planner-settings.js';
import type { PresetSettings } from './preset-settings.js';
import { presetSettings } from './presets.js';
import { crossIssues, dependencyWarnings } from './rules.js';
import { validSections } from '#fast-read';

export interface ParseOptions {
  /** Every module the configuration may name; params are validated by their schemas. */
  readonly modules: readonly PlannerModule[];
  /** File name for messages, and the directory `extends` paths are relative to. */
  readonly source?: string;
  /**
   * Reads a file named by `extends` (preset names need no reader). Without it
   * only presets can be extended; `loadConfig` passes a file reader.
   */
  readonly readExtended?: ReadExtended;
}

const TOP_LEVEL = ['extends', 'plugins', 'planner', 'compat', ...SECTIONS.map((s) => s.section)];
const MODULE_KEYS = ['enabled', 'params'];

function knownList(modules: readonly PlannerModule[], info: SectionInfo): string {
  const names = modules.filter((m) => m.kind === info.kind).map((m) => m.name);
  return names.length > 0 ? names.join(', ') : 'none';
}

function buildTable(
  info: SectionInfo,
  raw: unknown,
  modules: readonly PlannerModule[],
  issues: InputIssue[],
  failed?: Set<string>,
): ModuleTable {
  const entries = new Map<string, ModuleSettings>();
  // this kind's modules by name, the first of a name as findModule finds it
  const ofKind = new Map<string, PlannerModule>();
  for (const m of modules) {
    if (m.kind !== info.kind) continue;
    if (ofKind.has(m.name)) issues.push({ path: `${info.section}.${m.name}`, message: `two ${info.noun}s named '${m.name}' were given` });
    else ofKind.set(m.name, m);
  }
  if (raw !== undefined && !isTable(raw)) {
    issues.push({ path: info.section, message: `expected a table of ${info.noun}s, found ${describeValue(raw)}` });
    raw = undefined;
  }
  for (const [name, entry] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    const path = `${info.section}.${name}`;
    const module = ofKind.get(name);
    if (!module) {
      issues.push({ path, message: `unknown ${info.noun} '${name}' (known: ${knownList(modules, info)})` });
      continue;
    }
    if (!isTable(entry)) {
      issues.push({ path, message: `expected a table with 'enabled' and 'params', found ${describeValue(entry)}` });
      continue;
    }
    let ok = true;
    for (const key of Object.keys(entry)) {
      if (!MODULE_KEYS.includes(key)) {
        issues.push({ path: `${path}.${key}`, message: `unknown key '${key}' (known keys: enabled, params)` });
        ok = false;
      }
    }
    const enabled = entry.enabled ?? true;
    if (typeof enabled !== 'boolean') {
      issues.push({ path: `${path}.enabled`, message: `expected a boolean (true or false), found ${describeValue(enabled)}` });
      ok = false;
    }
    const rawParams = entry.params ?? {};
    if (!isTable(rawParams)) {
      issues.push({ path: `${path}.params`, message: `expected a table of params, found ${describeValue(rawParams)}` });
      continue;
    }
    const result = parseParams(module, rawParams, `${path}.params`);
    issues.push(...result.issues);
    if (ok && result.params) entries.set(name, { enabled: enabled as boolean, params: result.params });
    else failed?.add(name);
  }
  // §2.1/§2.2: a module that runs by default and that the file does not mention runs with its defaults.
  for (const module of modules) {
    if (module.kind !== info.kind || module.enabledByDefault !== true) continue;
    const name = module.name;
    if (entries.has(name) || (raw as Record<string, unknown> | undefined)?.[name] !== undefined) continue;
    const result = parseParams(module, {}, `${info.section}.${name}.params`);
    issues.push(...result.issues);
    if (result.params) entries.set(name, { enabled: true, params: result.params });
  }
  return orderTable(entries, (name) => ofKind.get(name)?.order);
}

/**
 * Parses and validates a TOML configuration, resolving its `extends` chain
 * (the file holds overrides of what it extends); throws ConfigError listing every issue.
 */
export function parseConfig(toml: string, options: ParseOptions): PlannerConfig {
  return parseLayers({ text: toml, ...(options.source === undefined ? {} : { source: options.source }) }, options);
}

/** What a configuration that does not reach a preset through `extends` is warned about. */
export function noExtendsWarning(source: string | undefined, leftOut: number): string {
  return `${source ?? 'the configuration'} has no 'extends': the ${leftOut} setting(s) it leaves out take the code defaults, `
    + `not the default preset's values (write extends = "default" at the top to start from a preset)`;
}

/** The [planner] and [compat] tables validated and resolved; undefined when either has issues (added to `issues`). */
function resolveSettings(raw: Record<string, unknown>, issues: InputIssue[]): PresetSettings | undefined {
  // plainly valid tables (Node): zod's own result without running zod; on any doubt zod parses and words the issues
  const plannerRead = validSections?.planner(raw.planner ?? {});
  const compatRead = plannerRead === undefined ? undefined : validSections?.compat(raw.compat ?? {});
  if (plannerRead !== undefined && compatRead !== undefined) {
    return { planner: plannerFromSection(plannerRead as PlannerSection), compat: compatFromSection(compatRead as Record<string, boolean>) };
  }
  const planner = PlannerSectionSchema.safeParse(raw.planner ?? {});
  if (!planner.success) {
    issues.push(...zodIssues(planner.error, raw.planner, 'planner', { hints: PLANNER_HINTS, known: Object.keys(PLANNER_FIELDS) }));
  }
  const compat = CompatSectionSchema.safeParse(raw.compat ?? {});
  if (!compat.success) {
    issues.push(...zodIssues(compat.error, raw.compat, 'compat', { known: Object.keys(CompatSectionSchema.shape) }));
  }
  if (!planner.success || !compat.success) return undefined;
  return { planner: plannerFromSection(planner.data), compat: compatFromSection(compat.data) };
}

export function parseLayers(file: ConfigFile, options: Omit<ParseOptions, 'source'>): PlannerConfig {
  const layers = readLayers(file, options.readExtended);
  const raw = mergeLayers(layers);
  const issues: InputIssue[] = [];
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL.includes(key)) issues.push({ path: key, message: `unknown table '${key}' (known: ${TOP_LEVEL.join(', ')})` });
  }
  issues.push(...pluginIssues(raw.plugins));
  // A shipped preset as it is: its [planner] and [compat] were resolved at build time.
  const preset = layers.length === 1 ? layers[0]?.preset : undefined;
  const resolved = (preset === undefined ? undefined : presetSettings(preset)) ?? resolveSettings(raw, issues);
  // Calculators whose table has an issue: whether they are enabled is not known, so no pattern is said to lack them.
  const failedCalculators = new Set<string>();
  const tables = SECTIONS.map((info) => buildTable(info, raw[info.section], options.modules, issues, info.kind === 'calculator' ? failedCalculators : undefined));
  let config: PlannerConfig | undefined;
  if (resolved !== undefined) {
    const settings = resolved.planner;
    config = {
      planner: settings,
      calculators: tables[0] as ModuleTable,
      patterns: tables[1] as ModuleTable,
      sequenceGenerators: tables[2] as ModuleTable,
      filters: tables[3] as ModuleTable,
      compat: resolved.compat,
      evaluator: evaluatorFor(settings),
      warnings: [],
    };
    issues.push(...crossIssues(config, options.modules, failedCalculators));
  }
  if (issues.length > 0 || !config) throw new ConfigError(locateIssues(layers, issues), file.source);
  // A chain that reaches no preset fills its gaps from code defaults (issue 12: a partial file labelled "default").
  const leftOut = layers[layers.length - 1]?.preset === undefined ? countLeftOut(raw, config) : 0;
  const warnings = [...(leftOut > 0 ? [noExtendsWarning(file.source, leftOut)] : []), ...dependencyWarnings(config, options.modules)];
  return Object.freeze({ ...config, warnings: Object.freeze(warnings) });
}
