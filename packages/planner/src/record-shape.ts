/**
 * Builds `{ key: value }` records whose keys are known only at run time (module
 * names, timing keys) but repeat from run to run. Adding keys one by one to an
 * empty object ends in V8's slow dictionary mode; a copy of a template made by
 * JSON.parse with the same keys in the same order is a fast object, and only
 * its values are written. The template of the last key list is kept, replaced
 * whole when the keys differ, so runs sharing a shape stay independent.
 */
export class RecordShape {
  private keys: readonly string[] = [];
  private template: Readonly<Record<string, number>> = {};

  /** The record of distinct `keys` with `values` (same index), in key order. */
  record(keys: readonly string[], values: readonly number[]): Record<string, number> {
    if (!sameKeys(keys, this.keys)) {
      // 0.5: the fields hold doubles from the start.
      this.template = JSON.parse(`{${keys.map((k) => `${JSON.stringify(k)}:0.5`).join(',')}}`) as Record<string, number>;
      this.keys = keys.slice();
    }
    const out: Record<string, number> = { ...this.template };
    for (let i = 0; i < keys.length; i++) out[keys[i]!] = values[i]!;
    return out;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
