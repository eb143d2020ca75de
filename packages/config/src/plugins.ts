import { ConfigError, type InputIssue } from '@planner/contracts';
import { parseTomlText } from './extends.js';
import { describeValue } from './issues.js';

/**
 * The plugin specifiers of a configuration's top-level `plugins = [...]`
 * (npm package names or paths relative to the file), read before the
 * configuration itself because its module tables may name plugin modules.
 * Loading them is the host's job (Node: `@planner/cli`).
 */
export function pluginsOf(toml: string, source?: string): string[] {
  return pluginList(parseTomlText(toml, source).plugins, source);
}

/**
 * pluginsOf, and the file or preset the configuration extends (when `extends`
 * is a non-blank string; loading the configuration words any other value),
 * from one read of the text: a host follows the `extends` chain for the
 * plugins of every file in it.
 */
export function pluginsAndExtendsOf(toml: string, source?: string): { plugins: string[]; extends: string | undefined } {
  return pluginsAndExtendsOfTables(parseTomlText(toml, source), source);
}

/** pluginsAndExtendsOf of a text already parsed into its tables (`ConfigFiles.tables` of `@planner/config/node`). */
export function pluginsAndExtendsOfTables(raw: Readonly<Record<string, unknown>>, source?: string): { plugins: string[]; extends: string | undefined } {
  const reference = raw.extends;
  return { plugins: pluginList(raw.plugins, source), extends: typeof reference === 'string' && reference.trim() !== '' ? reference : undefined };
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
