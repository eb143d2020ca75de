import { paretoUpdate } from './pareto.js';
import type { ScoredSequence } from './scored-sequence.js';

/** Reference constants of pipeline.md §5.4. */
export const BEAM_BATCH_SIZE = 5;
export const BEAM_PLATEAU_THRESHOLD = 5;
export const BEAM_MIN_SEQUENCES = 10;

export interface BeamOptions {
  readonly beamWidth: number;
  readonly multiObjective: boolean;
  /** compat #10: the plateau counter never resets. */
  readonly plateauNeverResets: boolean;
  /** Number of sequences the search may reach (for the minimum-evaluated rule). */
  readonly total: number;
}

/**
 * Beam state of pipeline.md §5.4, fed one result at a time and told when a
 * batch ends; incremental planning can feed it across calls.
 */
export class BeamSearch {
  readonly beam: ScoredSequence[] = [];
  evaluated = 0;
  plateau = 0;
  best = 0.0;
  private batchUpdated = false;
  private readonly width: number;
  private readonly minSequences: number;

  constructor(private readonly o: BeamOptions) {
    // pipeline.md §5.2 step 3: a missing or non-positive width falls back to 10.
    this.width = o.beamWidth > 0 ? Math.trunc(o.beamWidth) : 10;
    this.minSequences = Math.min(BEAM_MIN_SEQUENCES, o.total);
  }

  offer(e: ScoredSequence): void {
    this.evaluated++;
    const score = e.result.score;
    const previousBest = this.best;
    let updated: boolean;
    if (this.o.multiObjective) {
      const before = this.beam.length;
      paretoUpdate(this.beam, e, this.width);
      // The reference counts the batch as updated only when the frontier grew in size.
      updated = this.beam.length > before;
    } else {
      const last = this.beam[this.beam.length - 1];
      updated = this.beam.length < this.width || last === undefined || score > last.result.score;
      if (updated) this.insert(e);
    }
    if (score > this.best) this.best = score;
    if (!updated) {
      this.plateau++;
      return;
    }
    this.batchUpdated = true;
    // reference quirk: beam plateau never resets — its reset test compares with the
    // best score after that score was already raised, so it never fires.
    if (!this.o.plateauNeverResets && score > previousBest) this.plateau = 0;
  }

  /** Ends a batch; true when the search stops here. */
  endBatch(): boolean {
    const stop = this.evaluated >= this.minSequences && !this.batchUpdated && this.plateau >= BEAM_PLATEAU_THRESHOLD;
    this.batchUpdated = false;
    return stop;
  }

  /** The winner: the first beam entry (highest score). */
  winner(): ScoredSequence | undefined {
    return this.beam[0];
  }

  // Append + stable sort descending + truncate, done as one insertion (the beam is sorted).
  private insert(e: ScoredSequence): void {
    const score = e.result.score;
    let at = this.beam.length;
    while (at > 0 && this.beam[at - 1]!.result.score < score) at--;
    this.beam.splice(at, 0, e);
    if (this.beam.length > this.width) this.beam.length = this.width;
  }
}

/**
 * Pulls results from `stream` in batches of five and stops per §5.4. The
 * stream is lazy, so only the sequences the search reaches are evaluated.
 * `null` items (a failed evaluation) take their place in the batch but are not offered.
 */
export function runBeamSearch(
  stream: Iterable<ScoredSequence | null>,
  options: BeamOptions,
  onBatch?: (search: BeamSearch, pulled: number) => void,
): BeamSearch {
  const search = new BeamSearch(options);
  let inBatch = 0;
  let pulled = 0;
  for (const item of stream) {
    pulled++;
    if (item !== null) search.offer(item);
    if (++inBatch === BEAM_BATCH_SIZE) {
      inBatch = 0;
      onBatch?.(search, pulled);
      if (search.endBatch()) return search;
    }
  }
  if (inBatch > 0) {
    onBatch?.(search, pulled);
    search.endBatch();
  }
  return search;
}
