import { existsSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { ConfigError, type Plan, type PlannerConfig, type PlannerModule } from '@planner/contracts';
import { diffConfigs, isPresetName, loadPreset, parseConfig } from '@planner/config';
import { readExtendedFile } from '@planner/config/node';
import { renderReport, type ReportConfig } from '@planner/report';
import { readChartLibrary } from '@planner/report/node';
import type { ConfigChoice } from '../io.js';

/** The shipped preset a config file's `extends` chain ends at, or undefined when it extends none. */
function extendedPreset(path: string): string | undefined {
  let text = readFileSync(path, 'utf8');
  let from = path;
  for (let depth = 0; depth < 32; depth++) {
    const reference = parseToml(text).extends;
    if (typeof reference !== 'string') return undefined;
    if (isPresetName(reference)) return reference;
    ({ text, source: from } = readExtendedFile(reference, from));
  }
  return undefined;
}

/** Name, source and the settings that differ from the preset the configuration extends (the model defaults when none). */
export function describeConfig(choice: ConfigChoice, config: PlannerConfig, modules: readonly PlannerModule[]): ReportConfig {
  if (choice.config === undefined) {
    const preset = choice.preset ?? 'default';
    return { name: config.planner.name, source: `preset '${preset}'`, basePreset: preset, changes: [] };
  }
  const preset = extendedPreset(choice.config);
  const base = preset === undefined ? parseConfig('', { modules }) : loadPreset(preset, { modules });
  return { name: config.planner.name, source: choice.config, basePreset: preset ?? 'model defaults', changes: diffConfigs(base, config) };
}

/** A file the command reads, which `--html` must not overwrite. */
export interface InputFile {
  readonly path: string | undefined;
  readonly what: string;
}

const sameFile = (a: string, b: string): boolean => {
  const real = (p: string): string => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
};

/**
 * Refuses an `--html` target before anything is planned (exit 2): no name, a
 * directory, a directory that does not exist, or one of the command's own
 * input files, which the report would replace.
 */
export function checkReportPath(path: string, inputs: readonly InputFile[]): void {
  const refuse = (message: string): never => {
    throw new ConfigError([{ path: '', message: `--html: ${message}` }]);
  };
  if (path.trim() === '') refuse(`expected a file name, found ${JSON.stringify(path)}`);
  if (existsSync(path) && statSync(path).isDirectory()) refuse(`expected a file to write, found the directory '${path}'`);
  const folder = dirname(resolve(path));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) refuse(`no directory '${dirname(path)}' to write '${basename(path)}' in`);
  for (const input of inputs) {
    if (input.path !== undefined && input.path !== '-' && sameFile(path, input.path)) {
      refuse(`'${path}' is the ${input.what} this command reads: the report would replace it (name another file)`);
    }
  }
}

/**
 * Writes the plan's self-contained HTML report; a temporary file and a rename,
 * so a failure leaves no partial file: neither the target nor the temporary one.
 */
export function writeHtmlReport(path: string, plan: Plan, report: ReportConfig, snapshotName: string): void {
  // Resolved from the CLI's own dependencies: the bundled `planner` has no node_modules of @planner/report.
  const html = renderReport({ plan, config: report, snapshotName: basename(snapshotName), chartLibrary: readChartLibrary(import.meta.url) });
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, html);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new Error(`cannot write the HTML report to ${path}: ${(error as Error).message}`, { cause: error });
  }
}
