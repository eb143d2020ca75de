import { describe, expect, it } from 'vitest';
import { RecordShape as NodeRecordShape } from '../src/record-shape.js';
import { RecordShape as BrowserRecordShape } from '../src/record-shape-browser.js';
import { RunRecorder } from '../src/run-recorder.js';
import { TimingTable } from '../src/timing-table.js';

// Node's and the browser bundle's ('#record-shape', package.json "imports") behave alike.
describe.each([
  ['Node', NodeRecordShape],
  ['browser', BrowserRecordShape],
])('RecordShape (%s)', (_, RecordShape) => {
  it('gives the keys in the order given, with their values, for any key text', () => {
    const shape = new RecordShape();
    const keys = ['b', 'a', 'with "quotes" and \\', '10', 'constructor'];
    const record = shape.record(keys, [1, 2.5, 3, 4, 5]);
    expect(Object.keys(record)).toEqual(['10', 'b', 'a', 'with "quotes" and \\', 'constructor']);
    expect(record).toEqual({ b: 1, a: 2.5, 'with "quotes" and \\': 3, 10: 4, constructor: 5 });
  });

  it('returns independent records, and follows a change of keys', () => {
    const shape = new RecordShape();
    const first = shape.record(['x', 'y'], [1, 2]);
    const second = shape.record(['x', 'y'], [3, 4]);
    first.x = 99;
    expect(second).toEqual({ x: 3, y: 4 });
    expect(Object.keys(shape.record(['y', 'z'], [5, 6]))).toEqual(['y', 'z']);
    expect(shape.record(['y'], [7])).toEqual({ y: 7 });
    expect(shape.record([], [])).toEqual({});
  });

  it('gives the same numbers on the first record of a key list (parsed with its values) as on later ones (from the template)', () => {
    const shape = new RecordShape();
    const values = [0.1 + 0.2, 1e-7, 1.5e21, 5e-324, Number.MAX_VALUE, 3, -0, Number.NaN, Number.POSITIVE_INFINITY];
    const keys = values.map((_, i) => `k${i}`);
    // the non-finite and -0 values take the template path; without them the first record is parsed
    for (const list of [values, values.slice(0, 6)]) {
      const ks = keys.slice(0, list.length);
      const first = new RecordShape().record(ks, list);
      const later = (shape.record(ks, list), shape.record(ks, list));
      for (let i = 0; i < list.length; i++) {
        expect(Object.is(first[ks[i]!], list[i])).toBe(true);
        expect(Object.is(later[ks[i]!], list[i])).toBe(true);
      }
      expect(Object.keys(first)).toEqual(ks);
    }
  });

  it('recordSlots gives the record of the slots\' names and values, in slot order, as often as asked', () => {
    const shape = new RecordShape();
    const names = ['a', 'b', '__proto__', 'd'];
    const values = [1, 2.5, 3, 4];
    for (let i = 0; i < 3; i++) {
      const record = shape.recordSlots([3, 0, 2], names, values);
      expect(Object.keys(record)).toEqual(['d', 'a', '__proto__']);
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe(3);
    }
    expect(shape.recordSlots([1], names, values)).toEqual({ b: 2.5 });
  });
});

describe('RunRecorder timings', () => {
  it('lists the keys in first-use order, from the table and outside it, in both of its records', () => {
    const table = new TimingTable(['context', 'plan', 'total']);
    const recorder = new RunRecorder(false, undefined, table);
    recorder.addTime('plan', 2);
    recorder.addTime('module:outside', 1);
    recorder.addTime('context', 3);
    recorder.addTime('plan', 0.5);
    recorder.addTime('module:outside', 1);
    const expected = { 'module:outside': 2, plan: 2.5, context: 3 };
    expect(recorder.snapshotTimings()).toEqual(expected);
    expect(Object.keys(recorder.snapshotTimings())).toEqual(['module:outside', 'plan', 'context']);
    const record = recorder.timingRecord;
    expect(recorder.timings).toBe(record);
    expect(Object.keys(record)).toEqual(['module:outside', 'plan', 'context']);
    expect(record).toEqual(expected);
  });

  it('without keys outside the table, gives the table keys in first-use order', () => {
    const recorder = new RunRecorder(false, undefined, new TimingTable(['a', 'b', 'c']));
    recorder.addTime('c', 1);
    recorder.addTime('a', 2);
    expect(Object.keys(recorder.snapshotTimings())).toEqual(['c', 'a']);
    expect(recorder.snapshotTimings()).toEqual({ c: 1, a: 2 });
  });
});
