/**
 * Builds `{ key: value }` records whose keys are known only at run time (module
 * names, timing keys) but repeat from run to run. Adding keys one by one to an
 * empty object ends in V8's slow dictionary mode; a copy of a template made by
 * JSON.parse with the same keys in the same order is a fast object, and only
 * its values are written. The template of the last key list is kept, replaced
 * whole when the keys differ, so runs sharing a shape stay independent. The
 * first record of a key list is a dictionary from the start (see `record`: no
 * hidden class per key, what a fresh process's first plan pays) and makes no template.
 */
export class RecordShape {
  private keys: readonly string[] = [];
  private template: Readonly<Record<string, number>> | null = null;
  // The slots `keys` came from (`recordSlots`), or null when `record` set them.
  private slots: readonly number[] | null = null;

  /** The record of distinct `keys` with `values` (same index), in key order. */
  record(keys: readonly string[], values: readonly number[]): Record<string, number> {
    if (!sameKeys(keys, this.keys)) {
      this.keys = keys.slice();
      this.template = null;
      this.slots = null;
      // First sighting of these keys (every record of a fresh process's first
      // plan): a store per key into an empty object. V8 turns it into a
      // dictionary after a dozen keys, which costs a read-once record nothing,
      // whereas a parse (or a template) lays out a new hidden class per key
      // (a fifth of the instructions of a small first plan's assembly). The
      // template waits for the keys to repeat.
      // Without a prototype the object starts as a dictionary (no hidden class per key) and '__proto__' is a key like any other.
      const out = Object.create(null) as Record<string, number>;
      for (let i = 0; i < keys.length; i++) out[keys[i]!] = values[i]!;
      return Object.setPrototypeOf(out, Object.prototype) as Record<string, number>;
    }
    // 0.5: the fields hold doubles from the start.
    this.template ??= JSON.parse(recordText(keys)) as Record<string, number>;
    const out: Record<string, number> = { ...this.template };
    for (let i = 0; i < keys.length; i++) out[keys[i]!] = values[i]!;
    return out;
  }

  /**
   * `record` of the keys `names[slot]` with the values `values[slot]`, for each
   * slot of `order` in turn. Once the order repeats, it is compared as slots and
   * the template filled straight from `names` and `values`, without building
   * the key and value lists (a plan's timing record, every plan). `names` must
   * be the same list at every call.
   */
  recordSlots(order: readonly number[], names: readonly string[], values: readonly number[]): Record<string, number> {
    const template = this.template;
    if (template !== null && this.slots !== null && sameKeys(order, this.slots)) {
      const out: Record<string, number> = { ...template };
      for (let i = 0; i < order.length; i++) {
        const slot = order[i]!;
        out[names[slot]!] = values[slot]!;
      }
      return out;
    }
    const keys: string[] = [];
    const slotValues: number[] = [];
    for (const slot of order) {
      keys.push(names[slot]!);
      slotValues.push(values[slot]!);
    }
    const out = this.record(keys, slotValues);
    this.slots = order.slice();
    return out;
  }
}

/** `{"key":0.5,...}`: the template's text. */
function recordText(keys: readonly string[]): string {
  return `{${keys.map((k) => `${JSON.stringify(k)}:0.5`).join(',')}}`;
}

function sameKeys<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
