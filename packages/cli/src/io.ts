import { existsSync } from 'node:fs';
import { ConfigError, SnapshotError, type PlannerConfig, type PlannerEventListener, type PlannerModule, type PortfolioSnapshot } from '@planner/contracts';
import { isPresetName, loadPreset, presetNames, warningsForSnapshot } from '@planner/config';
import { type ConfigFiles, DEFAULT_MAX_INPUT_BYTES, loadConfig, readTextFile } from '@planner/config/node';
import { parseSnapshot } from '@planner/context';

/** What a command writes to; the tests capture it. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Receives the events of `planner plan`'s plan: the one-shot process's TurboFan switch (src/one-shot-tiering.ts). */
  readonly onPlanEvent?: PlannerEventListener;
}

/**
 * Reads and validates a snapshot file; `-` reads it from standard input.
 * More than `maxBytes` is refused (`--max-input-mb`), so an endless stream stops.
 */
export function readSnapshot(path: string, maxBytes = DEFAULT_MAX_INPUT_BYTES): PortfolioSnapshot {
  let text: string;
  try {
    text = readTextFile(path === '-' ? 0 : path, maxBytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === undefined ? (error as Error).message : String(error);
    const hint = reason.startsWith('larger than the size limit') ? '; raise it with --max-input-mb' : '';
    throw new SnapshotError([{ path: '', message: `${reason}${hint}` }], path, { cause: error });
  }
  return parseSnapshot(text, path === '-' ? 'stdin' : path);
}

/** `--max-input-mb N`: the snapshot size limit in MiB (default 64). */
export function parseMaxInput(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_INPUT_BYTES;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new ConfigError([{ path: '', message: `--max-input-mb: expected a number of MiB above 0, found ${JSON.stringify(text)}` }]);
  }
  return Math.floor(n * 1048576);
}

export { escapeControls } from './escape-controls.js';

export interface ConfigChoice {
  readonly preset?: string;
  readonly config?: string;
}

/**
 * `--preset NAME` or `--config FILE` (not both); the default preset when neither is given.
 * `files`: what the plugin step read and parsed (Context.configFiles), so the file is read and parsed once.
 */
export function chooseConfig(choice: ConfigChoice, modules: readonly PlannerModule[], files?: ConfigFiles): PlannerConfig {
  if (choice.preset !== undefined && choice.config !== undefined) {
    throw new ConfigError([{ path: '', message: 'give either --preset or --config, not both' }]);
  }
  if (choice.config !== undefined) return loadConfig(choice.config, files === undefined ? { modules } : { modules, files });
  return loadPreset(choice.preset ?? 'default', { modules });
}

/** A file path, or the name of a shipped preset when no such file exists (`config validate`, `config diff`). */
export function loadConfigOrPreset(arg: string, modules: readonly PlannerModule[], files?: ConfigFiles): PlannerConfig {
  if (existsSync(arg)) return loadConfig(arg, files === undefined ? { modules } : { modules, files });
  if (isPresetName(arg)) return loadPreset(arg, { modules });
  throw new ConfigError([{ path: '', message: `no file '${arg}', and not a shipped preset (${presetNames().join(', ')})` }], arg);
}

export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  // Digits only: Number() would also take ' 5', '1e3' and '0x10', a seed the user did not write.
  const n = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw new ConfigError([{ path: 'planner.seed', message: `--seed: expected an integer from 0 to ${Number.MAX_SAFE_INTEGER}, found ${JSON.stringify(text)}` }]);
  }
  return n;
}

/**
 * The configuration's warnings that apply to this snapshot: each module's own
 * advice is asked again with the snapshot (e.g. the correlation filter's
 * "needs priceHistory" is moot when the snapshot has it).
 */
export function warningsFor(config: PlannerConfig, snapshot: PortfolioSnapshot, modules: readonly PlannerModule[]): string[] {
  return warningsForSnapshot(config, modules, snapshot);
}
