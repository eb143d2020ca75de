import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, SnapshotError, type PlannerConfig, type PlannerModule, type PortfolioSnapshot } from '@planner/contracts';
import { isPresetName, loadPreset, presetNames, warningsForSnapshot } from '@planner/config';
import { loadConfig } from '@planner/config/node';
import { parseSnapshot } from '@planner/context';

/** What a command writes to; the tests capture it. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Reads and validates a snapshot file; `-` reads it from standard input. */
export function readSnapshot(path: string): PortfolioSnapshot {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new SnapshotError([{ path: '', message: reason }], path, { cause: error });
  }
  return parseSnapshot(text, path === '-' ? 'stdin' : path);
}

export interface ConfigChoice {
  readonly preset?: string;
  readonly config?: string;
}

/** `--preset NAME` or `--config FILE` (not both); the default preset when neither is given. */
export function chooseConfig(choice: ConfigChoice, modules: readonly PlannerModule[]): PlannerConfig {
  if (choice.preset !== undefined && choice.config !== undefined) {
    throw new ConfigError([{ path: '', message: 'give either --preset or --config, not both' }]);
  }
  if (choice.config !== undefined) return loadConfig(choice.config, { modules });
  return loadPreset(choice.preset ?? 'default', { modules });
}

/** A file path, or the name of a shipped preset when no such file exists (`config validate`, `config diff`). */
export function loadConfigOrPreset(arg: string, modules: readonly PlannerModule[]): PlannerConfig {
  if (existsSync(arg)) return loadConfig(arg, { modules });
  if (isPresetName(arg)) return loadPreset(arg, { modules });
  throw new ConfigError([{ path: '', message: `no file '${arg}', and not a shipped preset (${presetNames().join(', ')})` }], arg);
}

export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < 0) {
    throw new ConfigError([{ path: 'planner.seed', message: `--seed: expected an integer at least 0, found ${JSON.stringify(text)}` }]);
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
