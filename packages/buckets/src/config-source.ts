import { createHash } from 'node:crypto';
import { ConfigError } from '@planner/contracts';
import type { PlannerConfig, PlannerModule } from '@planner/contracts';
import { loadPreset, mapSliders, parseConfig, validateConfig } from '@planner/config';
import type { SliderInput } from '@planner/config';
import type { BucketConfigSource } from '@planner/store';

const SLIDER_NAMES = new Set([
  'riskAppetite', 'holdDuration', 'entryStyle', 'positionSpread', 'profitTakingAggressiveness',
  'risk_appetite', 'hold_duration', 'entry_style', 'position_spread', 'profit_taking_aggressiveness',
]);

/** A stable text of the source (slider keys sorted), so equal sources hash equal. */
export function canonicalSource(source: BucketConfigSource): string {
  if ('preset' in source) return JSON.stringify({ preset: source.preset });
  if ('toml' in source) return JSON.stringify({ toml: source.toml });
  const sliders = Object.keys(source.sliders).sort().map((k) => [k, source.sliders[k]]);
  return JSON.stringify({ sliders });
}

/** The cache key of a bucket's planner: sha256 of the canonical source. */
export function sourceHash(source: BucketConfigSource): string {
  return createHash('sha256').update(canonicalSource(source)).digest('hex');
}

/**
 * Builds and validates the bucket's configuration: a preset by name, TOML
 * text, or UI sliders (pipeline.md §7.4). Errors are ConfigErrors naming the bucket.
 */
export function buildConfig(bucketId: string, source: BucketConfigSource, modules: readonly PlannerModule[]): PlannerConfig {
  let config: PlannerConfig;
  if ('preset' in source) config = loadPreset(source.preset, { modules });
  else if ('toml' in source) config = parseConfig(source.toml, { modules, source: `bucket '${bucketId}'` });
  else {
    const unknown = Object.keys(source.sliders).filter((k) => !SLIDER_NAMES.has(k));
    if (unknown.length > 0) {
      throw new ConfigError(unknown.map((k) => ({ path: `sliders.${k}`, message: `unknown slider '${k}'` })), `bucket '${bucketId}'`);
    }
    config = mapSliders(source.sliders as SliderInput, { modules });
  }
  const { errors } = validateConfig(config, modules);
  if (errors.length > 0) {
    throw new ConfigError(errors.map((message) => ({ path: '', message })), `bucket '${bucketId}'`);
  }
  return config;
}
