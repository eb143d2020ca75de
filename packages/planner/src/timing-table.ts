/**
 * The timing keys of one planner (stages, `total`, each module's `kind:name`)
 * with a fixed slot each, built once per planner so a run adds a module's time
 * into a typed array instead of a string-keyed object. Never changed after
 * construction: concurrent runs of one planner share it.
 */
export class TimingTable {
  readonly keys: readonly string[];
  private readonly index: ReadonlyMap<string, number>;

  constructor(keys: Iterable<string>) {
    const unique = [...new Set(keys)];
    this.keys = unique;
    this.index = new Map(unique.map((k, i) => [k, i]));
  }

  /** The key's slot, or -1 for a key the table does not know. */
  slotOf(key: string): number {
    return this.index.get(key) ?? -1;
  }
}

export const STAGE_KEYS = ['context', 'opportunities', 'generation', 'filters', 'feasibility', 'evaluation', 'plan', 'total'] as const;

/** A table of the stages only (runs without a module set). */
export const STAGES_ONLY = new TimingTable(STAGE_KEYS);
