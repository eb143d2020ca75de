import type { Diagnostic, PlannerEvent, PlannerEventListener, PlannerStage } from '@planner/contracts';
import { ModuleError } from '@planner/contracts';
import { STAGES_ONLY, type TimingTable } from './timing-table.js';

/**
 * Collects what one planning run reports besides the plan: diagnostics,
 * timings (stage and module, ms) and events. It is also the one place where
 * module calls are isolated, so a throwing module never stops a run unless
 * the planner is strict.
 *
 * Times add up in slots of the planner's TimingTable; `timings` writes them
 * into one record (first-use order), the same object at every read, so a plan
 * holding it sees what is added later once `timings` is read again.
 */
export class RunRecorder {
  readonly diagnostics: Diagnostic[] = [];
  private record: Record<string, number> | null = null;
  // Times of keys outside the table, in first-use order (rare: module calls without a prebuilt key).
  private extra: Record<string, number> | null = null;
  // Plain arrays copied from the table's zeros: a run is too short for typed arrays' allocation to pay off.
  private readonly ms: number[];
  private readonly used: number[];
  private readonly order: number[] = [];
  private seen: Set<string> | null = null;
  // The last clock read (`now`), where a chained timer starts.
  // -0, not 0: a double from the start, so V8 never re-lays out this object when the first clock reading (a fraction) is stored
  private lastRead = -0;
  // The global `performance`, read once per run: in Node every read of it calls a getter (some fifty per plan).
  private readonly clock: { now(): number } = performance;

  constructor(
    /** Module failures (and plan-check failures) throw instead of becoming diagnostics. */
    readonly strict: boolean,
    private readonly listener: PlannerEventListener | undefined,
    private readonly table: TimingTable = STAGES_ONLY,
  ) {
    this.ms = table.zeros.slice();
    this.used = table.unused.slice();
  }

  /** Milliseconds per stage and module so far (the one record, brought up to date). */
  get timings(): Record<string, number> {
    const record = this.timingRecord;
    if (this.extra !== null) Object.assign(record, this.extra);
    const keys = this.table.keys;
    for (const slot of this.order) record[keys[slot]!] = this.ms[slot]!;
    return record;
  }

  /**
   * A new record of the times so far, in first-use order: for a plan assembled
   * without `timingRecord`, built from the table's template for this order
   * (writing thirty new string keys one by one took longer than the stages it timed).
   */
  snapshotTimings(): Record<string, number> {
    if (this.extra === null) return this.table.record(this.order, this.ms);
    const record = { ...this.extra };
    const keys = this.table.keys;
    for (const slot of this.order) record[keys[slot]!] = this.ms[slot]!;
    return record;
  }

  /** Whether anyone receives events (progress events can be skipped otherwise). */
  get listening(): boolean {
    return this.listener !== undefined;
  }

  /**
   * The record `timings` fills, as it is now (possibly behind): for a plan
   * under construction, when `timings` is read once the run is over.
   */
  get timingRecord(): Record<string, number> {
    this.record ??= {};
    return this.record;
  }

  emit(event: PlannerEvent): void {
    this.listener?.(event);
  }

  now(): number {
    const t = this.clock.now();
    this.lastRead = t;
    return t;
  }

  /**
   * The last clock read, without reading the clock: the start of a timer that
   * begins where the previous one ended with nothing worth timing between
   * (a clock read costs 50-70 ns, and a small plan times some fifty intervals).
   */
  get lastNow(): number {
    return this.lastRead;
  }

  addTime(key: string, ms: number): void {
    const slot = this.table.slotOf(key);
    if (slot >= 0) this.addSlot(slot, ms);
    // A key outside the table (a module call without its prebuilt key): straight into the record.
    else {
      this.extra ??= {};
      this.extra[key] = (this.extra[key] ?? 0) + ms;
    }
  }

  /** Adds `ms` to a slot of the planner's TimingTable (a ResolvedModule's `timingSlot`). */
  addSlot(slot: number, ms: number): void {
    if (this.used[slot] === 0) {
      this.used[slot] = 1;
      this.order.push(slot);
    }
    this.ms[slot] = this.ms[slot]! + ms;
  }

  /**
   * Starts a stage: its `stage-started` event, then its start time, returned
   * for `end`. `chained`: the stage starts at the last clock read (the caller
   * has just read the clock or ended a stage), unless a listener's
   * `stage-started` runs in between. A stage is a begin/end pair around
   * inline code rather than a call taking closures: a first plan would run
   * each stage's closures once, each a first execution of its own.
   */
  begin(stage: PlannerStage, chained = false): number {
    const listener = this.listener;
    if (listener !== undefined) listener({ type: 'stage-started', stage });
    return chained && listener === undefined ? this.lastRead : this.now();
  }

  /**
   * Ends the stage `begin` started at `t0`: its time, then its
   * `stage-finished` event with `count` (what the stage produced).
   * `endsOnRead`: the stage's code ended with a clock read (its last
   * module's end), and the stage ends there too.
   */
  end(stage: PlannerStage, t0: number, count: number, endsOnRead = false): void {
    const ms = (endsOnRead ? this.lastRead : this.now()) - t0;
    const slot = this.table.stageSlot(stage);
    if (slot >= 0) this.addSlot(slot, ms);
    else this.addTime(stage, ms);
    if (this.listener !== undefined) this.listener({ type: 'stage-finished', stage, count, ms });
  }

  progress(stage: PlannerStage, done: number, total: number): void {
    if (this.listener !== undefined) this.listener({ type: 'stage-progress', stage, done, total });
  }

  warn(message: string, module?: string): void {
    this.note({ level: 'warning', message, ...(module === undefined ? {} : { module }) });
  }

  /**
   * Calls one module. A throw becomes an error diagnostic and a module-failed
   * event and the call yields `undefined`; strict planners rethrow it as a ModuleError.
   * `timingKey` is `kind:name` when the caller has it prebuilt.
   */
  call<T>(kind: string, name: string, body: () => T, timingKey?: string): T | undefined {
    const t0 = this.now();
    try {
      return body();
    } catch (error) {
      this.fail(kind, name, error);
      return undefined;
    } finally {
      this.addTime(timingKey ?? `${kind}:${name}`, this.now() - t0);
    }
  }

  /** Records a module failure (or rethrows it when strict). */
  fail(kind: string, name: string, error: unknown): void {
    const wrapped = error instanceof ModuleError ? error : new ModuleError(kind, name, error);
    if (this.strict) throw wrapped;
    if (this.note({ level: 'error', module: name, message: wrapped.message })) {
      this.emit({ type: 'module-failed', module: name, kind, error });
    }
  }

  // A module failing on many sequences reports once per distinct message.
  private note(d: Diagnostic): boolean {
    const key = `${d.level}|${d.module ?? ''}|${d.message}`;
    this.seen ??= new Set();
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.diagnostics.push(d);
    return true;
  }
}
