import { describe, expect, it, vi } from 'vitest';
import { loadPreset, parseConfig, presetNames } from '../src/index.js';
import { loadConfig, presetPath } from '../src/node.js';
import { presetSettings, presetTables } from '../src/presets.js';
import type { ParamsSchema } from '@planner/contracts';
import { declaredDefaults as declaredDefaultsInBrowser } from '../src/param-defaults-browser.js';
import { modules } from './fixtures.js';

// What a browser bundle resolves '#preset-parsed', '#param-defaults' and '#fast-read' to (package.json
// "imports"): no parsed presets, every params table runs its schema, and smol-toml reads every file.
vi.mock('#preset-parsed', () => import('../src/preset-parsed-browser.js'));
vi.mock('#param-defaults', () => import('../src/param-defaults-browser.js'));
vi.mock('#fast-read', () => import('../src/fast-read-browser.js'));

describe('presets without the data parsed at build time (the browser bundle)', () => {
  it('has no parsed forms', () => {
    expect(presetTables('default')).toBeUndefined();
    expect(presetSettings('default')).toBeUndefined();
    expect(() => presetTables('bold')).toThrow(/unknown preset 'bold'/);
  });

  it('loadPreset and extends parse the texts and give the configs Node gets from the files', () => {
    for (const name of presetNames()) {
      const { warnings: _a, ...fromText } = loadPreset(name, { modules });
      const { warnings: _b, ...fromFile } = loadConfig(presetPath(name), { modules });
      expect(fromText).toEqual(fromFile);
      const { warnings: _c, ...viaExtends } = parseConfig(`extends = "${name}"\n`, { modules });
      expect(viaExtends).toEqual(fromFile);
    }
  });

  it('params that a file does not write are those Node reads from the declared defaults', async () => {
    // the mock replaces the file itself, whatever it is imported as
    const { declaredDefaults } = await vi.importActual<typeof import('../src/param-defaults.js')>('../src/param-defaults.js');
    const config = parseConfig('[planner]\nmax_depth = 3\n', { modules });
    const tables = [
      ['calculator', config.calculators], ['pattern', config.patterns], ['sequence_generator', config.sequenceGenerators], ['filter', config.filters],
    ] as const;
    let read = 0;
    for (const [kind, table] of tables) {
      for (const [name, settings] of table) {
        const schema = modules.find((m) => m.kind === kind && m.name === name)?.params as ParamsSchema;
        expect(declaredDefaultsInBrowser(schema)).toBeUndefined();
        const node = declaredDefaults(schema);
        if (node !== undefined) read += 1;
        expect(settings.params).toEqual(node ?? schema.parse({}));
      }
    }
    expect(read).toBeGreaterThan(0);
  });

  it('an issue set in an extended preset still names its line', () => {
    expect(() => parseConfig('extends = "default"\n[opportunity_calculators.averaging_down]\nenabled = false\n', { modules })).toThrow(
      /pattern averaging_down is enabled but needs the averaging_down calculator, which is disabled.*\(set in preset 'default', line \d+\)/,
    );
  });
});
