import { ConfigError } from '@planner/contracts';
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

/** Checks the value of `plugins`: absent, or an array of non-empty strings. */
export function pluginList(value: unknown, source?: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new ConfigError([{ path: 'plugins', message: `expected an array of plugin specifiers, found ${describeValue(value)}` }], source);
  }
  const issues = value.flatMap((v, i) =>
    typeof v === 'string' && v.trim() !== ''
      ? []
      : [{ path: `plugins[${i}]`, message: `expected a package name or a path to an ES module, found ${describeValue(v)}` }]);
  if (issues.length > 0) throw new ConfigError(issues, source);
  return value as string[];
}
