import { ConfigError, type InputIssue } from '@planner/contracts';
import { parse as parseToml } from 'smol-toml';
import { tomlIssue } from './extends.js';
import { describeValue } from './issues.js';

/**
 * The plugin specifiers of a configuration's top-level `plugins = [...]`
 * (npm package names or paths relative to the file), read before the
 * configuration itself because its module tables may name plugin modules.
 * Loading them is the host's job (Node: `@planner/cli`).
 */
export function pluginsOf(toml: string, source?: string): string[] {
  let raw: Record<string, unknown>;
  try {
    raw = parseToml(toml) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError([tomlIssue(error)], source, { cause: error });
  }
  return pluginList(raw.plugins, source);
}

/** What is wrong with the value of `plugins`: nothing when absent or an array of non-empty strings. */
export function pluginIssues(value: unknown): InputIssue[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [{ path: 'plugins', message: `expected an array of plugin specifiers, found ${describeValue(value)}` }];
  return value.flatMap((v, i) =>
    typeof v === 'string' && v.trim() !== ''
      ? []
      : [{ path: `plugins[${i}]`, message: `expected a package name or a path to an ES module, found ${describeValue(v)}` }]);
}

/** Checks the value of `plugins`: absent, or an array of non-empty strings. */
export function pluginList(value: unknown, source?: string): string[] {
  const issues = pluginIssues(value);
  if (issues.length > 0) throw new ConfigError(issues, source);
  return value === undefined ? [] : (value as string[]);
}
