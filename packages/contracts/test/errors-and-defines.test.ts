import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  COMPAT_DEFAULTS,
  ConfigError,
  defineEvaluator,
  defineFilter,
  definePattern,
  defineSequenceGenerator,
  EXECUTABILITY_COMPAT_KEYS,
  executabilityQuirks,
  ModuleError,
  PlannerError,
  SnapshotError,
  StoreError,
} from '../src/index.js';

describe('the other define helpers', () => {
  it('tag the kind and freeze the module; a pattern keeps a stage it declares', () => {
    const params = z.object({});
    const gen = defineSequenceGenerator({ name: 'g', description: 'g', params, stage: 'extend', generate: () => [] });
    const filter = defineFilter({ name: 'f', description: 'f', params, filter: (s) => [...s] });
    const evaluator = defineEvaluator({ name: 'e', description: 'e', params, prepare: () => { throw new Error('unused'); } });
    expect([gen.kind, filter.kind, evaluator.kind]).toEqual(['sequence_generator', 'filter', 'evaluator']);
    for (const m of [gen, filter, evaluator]) expect(Object.isFrozen(m)).toBe(true);
    expect(definePattern({ name: 'p', description: 'p', params, stage: 'once', generate: () => [] }).stage).toBe('once');
  });
});

describe('executabilityQuirks', () => {
  it('lists the executability switches that are on: all of them for the reference, none for the executable profile', () => {
    expect(executabilityQuirks(COMPAT_DEFAULTS)).toEqual([...EXECUTABILITY_COMPAT_KEYS]);
    const executable = { ...COMPAT_DEFAULTS, ...Object.fromEntries(EXECUTABILITY_COMPAT_KEYS.map((k) => [k, false])) };
    expect(executabilityQuirks(executable)).toEqual([]);
    // A score-only switch is never listed.
    expect(executabilityQuirks({ ...executable, beamPlateauNeverResets: true, zeroShareSells: true })).toEqual(['zeroShareSells']);
  });
});

describe('error classes', () => {
  it('an issue without a path reads (root); without a source the message names no file; no issues give an empty path', () => {
    const err = new SnapshotError([{ path: '', message: 'expected an object, got null' }]);
    expect(err.message).toBe('invalid snapshot: 1 issue(s)\n  (root): expected an object, got null');
    expect(err.source).toBeUndefined();
    expect(err.path).toBe('');
    expect(new ConfigError([]).path).toBe('');
    expect(new SnapshotError([], 's.json').source).toBe('s.json');
    expect(new SnapshotError([]).path).toBe('');
  });

  it('ModuleError names the module and the failure, whatever was thrown, and keeps the cause', () => {
    const cause = new RangeError('bad size');
    const err = new ModuleError('calculator', 'momentum', cause);
    expect(err).toMatchObject({ name: 'ModuleError', code: 'PLANNER_MODULE_FAILED', module: 'momentum', kind: 'calculator', cause });
    expect(err.message).toBe("calculator 'momentum' failed: bad size");
    expect(new ModuleError('filter', 'f', 'plain text').message).toBe("filter 'f' failed: plain text");
  });

  it('StoreError and PlannerError carry their code and name; a subclass keeps its own name', () => {
    expect(new StoreError('disk full')).toMatchObject({ name: 'StoreError', code: 'PLANNER_STORE_FAILED', message: 'disk full' });
    expect(new PlannerError('PLANNER_CONFIG_INVALID', 'x').name).toBe('PlannerError');
    class PluginStoreError extends StoreError {}
    class PluginConfigError extends ConfigError {}
    class PluginSnapshotError extends SnapshotError {}
    class PluginModuleError extends ModuleError {}
    expect(new PluginStoreError('x').name).toBe('PluginStoreError');
    expect(new PluginConfigError([]).name).toBe('PluginConfigError');
    expect(new PluginSnapshotError([]).name).toBe('PluginSnapshotError');
    expect(new PluginModuleError('k', 'm', 'c').name).toBe('PluginModuleError');
  });
});
