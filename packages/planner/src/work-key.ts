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

const isSorted = (keys: readonly string[]): boolean => keys.every((k, i) => i === 0 || (keys[i - 1] as string) < k);

/**
 * The key orders a plan depends on that the sorted JSON loses: each Map of the
 * targets and the target weights (read in order: the last group naming a
 * country wins, weight gaps are taken in order) and the cash balances (summed
 * in order, and floating-point sums depend on it). Only records whose keys are
 * not in sorted order are listed, so a snapshot whose records are sorted keeps
 * the hash it had before key order counted.
 */
function unsortedKeyOrders(snapshot: PortfolioSnapshot): [string, string[]][] {
  const { targets, targetWeights } = snapshot;
  const records: [string, Iterable<string>][] = [
    ['cash', snapshot.cash.keys()],
    ['targets.countries', targets.countries.keys()],
    ['targets.industries', targets.industries.keys()],
    ['targets.countryGroups', targets.countryGroups.keys()],
    ['targets.industryGroups', targets.industryGroups.keys()],
    ['targetWeights', targetWeights?.keys() ?? []],
  ];
  const out: [string, string[]][] = [];
  for (const [path, keys] of records) {
    const list = [...keys];
    if (!isSorted(list)) out.push([path, list]);
  }
  return out;
}

/**
 * Hash of everything the plan reads from the snapshot: holdings, cash,
 * pending orders, the universe with its prices and metrics, `asOf`, and the
 * key orders that decide a plan. Stricter than the reference's portfolio hash
 * (pipeline.md §6.3), which ignores prices and cash: resumed work must score
 * exactly what a fresh run would.
 */
export function portfolioHash(snapshot: PortfolioSnapshot): string {
  // Hashed as the JSON of its file (targets as objects, keys sorted), which keeps the hashes of stored work.
  const sorted = canonicalJson(JSON.parse(snapshotToJson(snapshot)));
  const orders = unsortedKeyOrders(snapshot);
  // A JSON text never ends inside another, so a suffix cannot make one snapshot's text equal another's.
  return sha256(orders.length === 0 ? sorted : `${sorted}\n${JSON.stringify(orders)}`);
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
