import { StoreError } from '@planner/contracts';
import type { IncrementalStore, StoredResult, StoredSequence, WorkKey } from '@planner/contracts';

/** A minimal IncrementalStore for the planner's own tests (the real ones are in @planner/store). */
export class TestStore implements IncrementalStore {
  key: WorkKey | null = null;
  sequences: StoredSequence[] = [];
  done = new Map<string, StoredResult>();
  leased = new Set<string>();
  data: string | null = null;
  claims = 0;

  private same(k: WorkKey): boolean {
    return this.key !== null && this.key.bucket === k.bucket && this.key.portfolioHash === k.portfolioHash && this.key.configHash === k.configHash;
  }
  private need(k: WorkKey): void {
    if (!this.same(k)) throw new StoreError('not open');
  }
  async open(k: WorkKey) {
    if (!this.same(k)) {
      this.key = { ...k };
      this.sequences = [];
      this.done.clear();
      this.data = null;
    }
    this.leased.clear();
    return { hasSequences: this.sequences.length > 0 };
  }
  async put(k: WorkKey, s: readonly StoredSequence[]) {
    this.need(k);
    for (const x of s) if (!this.sequences.some((y) => y.hash === x.hash)) this.sequences.push(x);
  }
  async claimBatch(k: WorkKey, size: number) {
    this.need(k);
    this.claims++;
    const out = this.sequences.filter((s) => !this.done.has(s.hash) && !this.leased.has(s.hash)).slice(0, size);
    for (const s of out) this.leased.add(s.hash);
    return out;
  }
  async recordResults(k: WorkKey, r: readonly StoredResult[]) {
    if (!this.same(k)) return;
    for (const x of r) {
      this.leased.delete(x.hash);
      if (!this.done.has(x.hash)) this.done.set(x.hash, x);
    }
  }
  async results(k: WorkKey) {
    return this.same(k) ? [...this.done.values()].sort((a, b) => a.index - b.index) : [];
  }
  async progress(k: WorkKey) {
    if (!this.same(k)) return { total: 0, evaluated: 0, finished: false };
    const total = this.sequences.length;
    return { total, evaluated: this.done.size, finished: total > 0 && this.done.size === total };
  }
  async best(k: WorkKey) {
    let best: StoredResult | null = null;
    for (const r of await this.results(k)) if (r.score > 0 && (best === null || r.score > best.score)) best = r;
    return best;
  }
  async setWorkData(k: WorkKey, d: string) {
    this.need(k);
    this.data = d;
  }
  async workData(k: WorkKey) {
    return this.same(k) ? this.data : null;
  }
  async sequencesAt(k: WorkKey, indexes: readonly number[]) {
    return this.same(k) ? this.sequences.filter((s) => indexes.includes(s.index)).sort((a, b) => a.index - b.index) : [];
  }
  async invalidate() {
    this.key = null;
  }
  async close() {}
}
