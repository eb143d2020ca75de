import { sha256 as sha256Bytes } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { PlannerConfig, PortfolioSnapshot, WorkKey } from '@planner/contracts';
import { snapshotToJson } from '@planner/context';

/**
 * JSON with object keys sorted and Maps written as their entry lists (in
 * their order, which is the order modules run in), so equal inputs give equal
 * text whatever order their keys were built in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return [...v.entries()];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      // no prototype: a key named __proto__ is hashed like any other
      const sorted = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

const sha256 = (text: string): string => bytesToHex(sha256Bytes(utf8ToBytes(text))).slice(0, 32);

/**
 * Hash of everything the plan reads from the snapshot: holdings, cash,
 * pending orders, the universe with its prices and metrics, and `asOf`.
 * Stricter than the reference's portfolio hash (pipeline.md §6.3), which
 * ignores prices and cash: resumed work must score exactly what a fresh run would.
 */
export function portfolioHash(snapshot: PortfolioSnapshot): string {
  // Hashed as the JSON of its file (targets as objects, keys sorted), which keeps the hashes of stored work.
  return sha256(canonicalJson(JSON.parse(snapshotToJson(snapshot))));
}

/** Hash of the behaviour-relevant configuration (warnings left out) and the run's seed. */
export function configHash(config: PlannerConfig, seed: number): string {
  const { warnings: _warnings, ...rest } = config;
  return sha256(canonicalJson({ config: rest, seed }));
}

/** The key of a bucket's stored work (pipeline.md §6.3 recommendation: bucket + portfolio hash + configuration hash). */
export function workKey(bucket: string, snapshot: PortfolioSnapshot, config: PlannerConfig, seed: number): WorkKey {
  return { bucket, portfolioHash: portfolioHash(snapshot), configHash: configHash(config, seed) };
}
