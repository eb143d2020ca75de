import type { PlannerModule, WorkKey } from '@planner/contracts';
import { parseConfig } from '@planner/config';
import { createBatchEvaluator, decodeWorkData } from '@planner/planner/incremental';
import type { BatchEvaluator } from '@planner/planner/incremental';
import type { EvaluateBatch } from '@planner/store';

export interface WorkEvaluatorOptions {
  /** Every module value a stored configuration may name. */
  readonly modules: readonly PlannerModule[];
  /** Scorers kept for this many pieces of work at once; default 8. */
  readonly cacheSize?: number;
}

const id = (k: WorkKey): string => `${k.bucket}\u0000${k.portfolioHash}\u0000${k.configHash}`;

/**
 * The `evaluate` of a worker process (`runPostgresWorker`): rebuilds each
 * piece of work's scorer from what is stored with it (snapshot, configuration
 * TOML, seed), checks that the rebuilt inputs hash to the work's key, and
 * scores the batch. A worker needs no bucket registry and no files.
 */
export function createWorkEvaluator(options: WorkEvaluatorOptions): EvaluateBatch {
  const cacheSize = Math.max(1, options.cacheSize ?? 8);
  const cache = new Map<string, BatchEvaluator>();

  function evaluatorFor(key: WorkKey, text: string | null): BatchEvaluator {
    const hit = cache.get(id(key));
    if (hit) return hit;
    if (text === null) throw new Error(`bucket '${key.bucket}': no work description is stored with the work`);
    const data = decodeWorkData(text);
    if (data.config === null) {
      throw new Error(`bucket '${key.bucket}': the work was stored without its configuration; run it with a store that workers share`);
    }
    const config = parseConfig(data.config, { modules: options.modules, source: `stored work of bucket '${key.bucket}'` });
    const evaluator = createBatchEvaluator({ snapshot: data.snapshot, config, modules: options.modules, seed: data.seed });
    const rebuilt = evaluator.keyFor(key.bucket);
    // Never score with inputs other than those the work was keyed by.
    if (rebuilt.portfolioHash !== key.portfolioHash || rebuilt.configHash !== key.configHash) {
      throw new Error(`bucket '${key.bucket}': the stored snapshot and configuration do not hash to the work's key`);
    }
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(id(key), evaluator);
    return evaluator;
  }

  return (batch) => {
    const evaluator = evaluatorFor(batch.key, batch.data);
    // A stopping worker gets the evaluated part of the batch at once, not after the whole batch.
    return batch.signal ? evaluator.evaluateUntil(batch.sequences, batch.signal) : evaluator.evaluate(batch.sequences);
  };
}
