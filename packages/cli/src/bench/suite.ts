import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ColdCase } from './cold.js';

export const PARITY_PRESETS = ['default', 'conservative', 'aggressive'] as const;

/** The scenarios copied from the shared set, with their parity configurations (from the sources and the bundle alike: ../../test/scenarios/). */
export const defaultScenarioDir = (): string => fileURLToPath(new URL('../../test/scenarios/', import.meta.url));

export interface SuiteCase extends ColdCase {
  readonly scenario: string;
  /** Which parity configuration (configs/<parity>.toml, given as `config`). */
  readonly parity: (typeof PARITY_PRESETS)[number];
  readonly config: string;
}

/** Every scenario × parity preset of `dir` (seed: the scenario's own), optionally only scenarios whose name contains `only`. */
export function suiteCases(dir: string, only?: string): SuiteCase[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.input.json')).map((f) => f.slice(0, -'.input.json'.length));
  } catch (error) {
    throw new Error(`cannot read the scenarios in ${dir} (--scenarios DIR): ${(error as Error).message}`, { cause: error });
  }
  names = names.filter((n) => only === undefined || n.includes(only)).sort();
  if (names.length === 0) throw new Error(`no scenario (*.input.json)${only === undefined ? '' : ` matching '${only}'`} in ${dir}`);
  return names.flatMap((scenario) => {
    const snapshot = join(dir, `${scenario}.input.json`);
    const seed = (JSON.parse(readFileSync(snapshot, 'utf8')) as { seed?: unknown }).seed;
    return PARITY_PRESETS.map((parity) => ({
      scenario, parity, snapshot, config: join(dir, 'configs', `${parity}.toml`),
      ...(typeof seed === 'number' ? { seed } : {}),
    }));
  });
}
