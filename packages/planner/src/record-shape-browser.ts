// '#record-shape' in a browser bundle (package.json "imports"): the same records
// (keys in order, own properties, values as given), built plainly. Node's
// (src/record-shape.ts) keeps a template so that V8 makes fast objects, from
// about 0.25 KiB gzip the bundle's budget has not; test/record-shape.test.ts
// holds both to the same behaviour.

/** `{ key: value }` records whose keys are known only at run time (module names, timing keys). */
export class RecordShape {
  /** The record of distinct `keys` with `values` (same index), in key order. */
  record(keys: readonly string[], values: readonly number[]): Record<string, number> {
    return Object.fromEntries(keys.map((key, i) => [key, values[i]!]));
  }

  /** `record` of the keys `names[slot]` with the values `values[slot]`, for each slot of `order` in turn. */
  recordSlots(order: readonly number[], names: readonly string[], values: readonly number[]): Record<string, number> {
    return Object.fromEntries(order.map((slot) => [names[slot]!, values[slot]!]));
  }
}
