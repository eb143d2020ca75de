import { RecordShape } from '#record-shape';

export const STAGE_KEYS = ['context', 'opportunities', 'generation', 'filters', 'feasibility', 'evaluation', 'plan', 'total'] as const;

/**
 * The timing keys of one planner (stages, `total`, each module's `kind:name`)
 * with a fixed slot each, built once per planner so a run adds a module's time
 * into an array slot instead of a string-keyed object. Its keys never change:
 * concurrent runs of one planner share it (the record template is a cache, replaced whole).
 */
export class TimingTable {
  readonly keys: readonly string[];
  /** One 0 (a double) per slot, copied by each run: its milliseconds. */
  readonly zeros: readonly number[];
  /** One 0 per slot, copied by each run: whether the slot was used. */
  readonly unused: readonly number[];
  private readonly index: ReadonlyMap<string, number>;
  // The slot of each of STAGE_KEYS (-1: not in the table), in STAGE_KEYS order.
  private readonly stageSlots: readonly number[];
  private readonly shape = new RecordShape();

  constructor(keys: Iterable<string>) {
    const unique = [...new Set(keys)];
    this.keys = unique;
    this.index = new Map(unique.map((k, i) => [k, i]));
    this.stageSlots = STAGE_KEYS.map((k) => this.slotOf(k));
    // Filled with a fraction first so the array holds doubles from the start (no elements-kind change per run).
    this.zeros = unique.map(() => 0.5).fill(0);
    this.unused = unique.map(() => 0);
  }

  /** The keys of `order` (slots) with their `ms`, in that order (RecordShape). */
  record(order: readonly number[], ms: readonly number[]): Record<string, number> {
    return this.shape.recordSlots(order, this.keys, ms);
  }

  /** `slotOf(stage)` for a stage key without the string lookup (every stage of every plan). */
  stageSlot(stage: string): number {
    const i = (STAGE_KEYS as readonly string[]).indexOf(stage);
    return i < 0 ? -1 : this.stageSlots[i]!;
  }

  /** The key's slot, or -1 for a key the table does not know. */
  slotOf(key: string): number {
    return this.index.get(key) ?? -1;
  }
}

/** A table of the stages only (runs without a module set). */
export const STAGES_ONLY = new TimingTable(STAGE_KEYS);

