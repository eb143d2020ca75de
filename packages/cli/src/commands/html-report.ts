import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { Plan, PlannerConfig, PlannerModule } from '@planner/contracts';
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

/** Writes the plan's self-contained HTML report; a temporary file and a rename, so a failure leaves no partial file. */
export function writeHtmlReport(path: string, plan: Plan, report: ReportConfig, snapshotName: string): void {
  // Resolved from the CLI's own dependencies: the bundled `planner` has no node_modules of @planner/report.
  const html = renderReport({ plan, config: report, snapshotName: basename(snapshotName), chartLibrary: readChartLibrary(import.meta.url) });
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, html);
  renameSync(temporary, path);
}
