import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESET_TEXTS, presetText } from '../src/index.js';
// @ts-expect-error: a plain .mjs script without types
import { presetModuleText } from '../scripts/generate-presets.mjs';

const presetDir = new URL('../presets/', import.meta.url);
const stale = 'src/preset-texts.ts is stale: run `pnpm --filter @planner/config generate:presets`';

// presets/*.toml are the source of truth; the package carries them as data (src/preset-texts.ts).
describe('preset texts', () => {
  it('carry exactly the files of presets/', () => {
    const files = readdirSync(presetDir).filter((f) => f.endsWith('.toml')).map((f) => f.slice(0, -5)).sort();
    expect(Object.keys(PRESET_TEXTS).sort(), stale).toEqual(files);
    for (const name of files) expect(presetText(name), `${name}: ${stale}`).toBe(readFileSync(new URL(`${name}.toml`, presetDir), 'utf8'));
  });

  it('the generated module is what the script writes today', () => {
    expect(readFileSync(new URL('../src/preset-texts.ts', import.meta.url), 'utf8'), stale).toBe(presetModuleText());
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(PRESET_TEXTS)).toBe(true);
  });
});
