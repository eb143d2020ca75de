import { describe, expect, it, vi } from 'vitest';
import { loadPreset, parseConfig, presetNames } from '../src/index.js';
import { loadConfig, presetPath } from '../src/node.js';
import { presetSettings, presetTables } from '../src/presets.js';
import { modules } from './fixtures.js';

// What a browser bundle resolves '#preset-parsed' to (package.json "imports"): no parsed presets.
vi.mock('#preset-parsed', () => import('../src/preset-parsed-browser.js'));

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

  it('an issue set in an extended preset still names its line', () => {
    expect(() => parseConfig('extends = "default"\n[opportunity_calculators.averaging_down]\nenabled = false\n', { modules })).toThrow(
      /pattern averaging_down is enabled but needs the averaging_down calculator, which is disabled.*\(set in preset 'default', line \d+\)/,
    );
  });
});
