import { parse as parseToml, TomlError } from 'smol-toml';
import { ConfigError, type InputIssue } from '@planner/contracts';
import { describeValue } from './issues.js';
import { isPresetName, presetNames, presetSource, presetTables, presetText } from './presets.js';
import { indexLines } from './toml-lines.js';
import { plainToml } from '#fast-read';

/** A configuration text and the name it is reported under (a file path, or `preset 'x'`). */
export interface ConfigFile {
  readonly text: string;
  readonly source?: string;
  /** Set when this text is a shipped preset. */
  readonly preset?: string;
  /** The text's tables when the host has parsed it already (`ConfigFiles` of `@planner/config/node`); parsed here otherwise. */
  readonly tables?: Record<string, unknown>;
}

/**
 * Reads the file an `extends` names: `reference` as written, relative to the
 * directory of `from` (the extending file's source). The core has no file
 * system; `loadConfig` passes a Node reader. Throws when the file cannot be read.
 * `tables`, when given, are the text's TOML tables as parsed already (the text is then not parsed again).
 */
export type ReadExtended = (reference: string, from: string | undefined) => { text: string; source: string; tables?: Record<string, unknown> };

/** One file of an `extends` chain with its parsed TOML. */
export interface Layer extends ConfigFile {
  readonly raw: Record<string, unknown>;
}

export function isTable(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/** A TOML syntax error as an issue that names its line and column. */
export function tomlIssue(error: unknown): InputIssue {
  if (error instanceof TomlError) {
    const first = error.message.split('\n')[0] as string; // split always gives one piece
    return { path: '', message: `malformed TOML: ${first.replace(/^Invalid TOML document: /, '')} (column ${error.column})`, line: error.line };
  }
  return { path: '', message: `malformed TOML: ${error instanceof Error ? error.message : String(error)}` };
}

function parseFile(file: ConfigFile): Layer {
  // A shipped preset was parsed at build time (in Node); its text stays for locating issues.
  const parsed = file.preset === undefined ? undefined : presetTables(file.preset);
  if (parsed !== undefined) return { ...file, raw: parsed };
  return { ...file, raw: file.tables ?? parseTomlText(file.text, file.source) };
}

/** A configuration text's tables (the plain read first, smol-toml on any doubt); a TOML error is a ConfigError naming `source`. */
export function parseTomlText(text: string, source: string | undefined): Record<string, unknown> {
  try {
    return plainToml?.(text) ?? (parseToml(text) as Record<string, unknown>);
  } catch (error) {
    throw new ConfigError([tomlIssue(error)], source, { cause: error });
  }
}

const display = (file: ConfigFile): string => file.source ?? '(inline configuration)';

/**
 * Parses a configuration and every file it extends, nearest first. A shipped
 * preset name wins over a file of the same name (write `./aggressive` for the
 * file); presets extend nothing. A file met twice is a cycle.
 */
export function readLayers(first: ConfigFile, read: ReadExtended | undefined): Layer[] {
  const layers = [parseFile(first)];
  for (;;) {
    const current = layers[layers.length - 1] as Layer;
    const reference = current.raw.extends;
    if (reference === undefined) return layers;
    const issue = (message: string): ConfigError =>
      new ConfigError([{ path: 'extends', message, ...lineOf(current, 'extends') }], current.source);
    if (typeof reference !== 'string' || reference.trim() === '') {
      throw issue(`expected a preset name (${presetNames().join(', ')}) or a path relative to this file, found ${describeValue(reference)}`);
    }
    let next: ConfigFile;
    if (isPresetName(reference)) {
      next = { text: presetText(reference), source: presetSource(reference), preset: reference };
    } else if (read === undefined) {
      throw issue(`'${reference}' is not a shipped preset (${presetNames().join(', ')}), and extending a file needs file reading: use loadConfig, or pass readExtended to parseConfig`);
    } else {
      try {
        next = read(reference, current.source);
      } catch (error) {
        throw issue(`cannot read '${reference}': ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const seen = layers.map(display);
    if (seen.includes(display(next))) throw issue(`extends cycle: ${[...seen, display(next)].join(' -> ')}`);
    layers.push(parseFile(next));
  }
}

function lineOf(layer: ConfigFile, path: string): { line?: number } {
  const line = indexLines(layer.text)(path);
  return line === undefined ? {} : { line };
}

/** `over` on top of `base`: tables merge key by key, any other value (arrays too) replaces. */
export function mergeTables(base: Readonly<Record<string, unknown>>, over: Readonly<Record<string, unknown>>): Record<string, unknown> {
  // null prototype: a key named like a built-in (`__proto__`) stays an ordinary key
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(base)) out[k] = v;
  for (const [k, v] of Object.entries(over)) {
    const below = out[k];
    out[k] = isTable(below) && isTable(v) ? mergeTables(below, v) : v;
  }
  return out;
}

/** The chain's tables merged, nearest file last to win; `extends` itself removed. */
export function mergeLayers(layers: readonly Layer[]): Record<string, unknown> {
  let merged = Object.create(null) as Record<string, unknown>;
  for (let i = layers.length - 1; i >= 0; i--) merged = mergeTables(merged, (layers[i] as Layer).raw);
  delete merged.extends;
  return merged;
}

/**
 * Locates an issue of the merged configuration: the line in the nearest file
 * that sets its key; a key set only in an extended file names that file.
 */
export function locateIssues(layers: readonly Layer[], issues: readonly InputIssue[]): InputIssue[] {
  const indexes = layers.map((l) => indexLines(l.text));
  return issues.map((issue) => {
    if (issue.line !== undefined || !issue.path) return issue;
    for (const exact of [true, false]) {
      for (const [i, lineIn] of indexes.entries()) {
        const line = lineIn(issue.path, exact);
        if (line === undefined) continue;
        if (i === 0) return { ...issue, line };
        return { ...issue, message: `${issue.message} (set in ${display(layers[i] as Layer)}, line ${line})` };
      }
    }
    return issue;
  });
}
