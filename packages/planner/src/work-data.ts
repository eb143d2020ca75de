import { StoreError } from '@planner/contracts';
import type { Diagnostic, PortfolioSnapshot } from '@planner/contracts';
import { parseSnapshot, readJsonInKeyOrder, snapshotToJson, type KeyOrder } from '@planner/context';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/** Funnel counts of the generation, which the plan reports and resumed calls do not recompute. */
export interface WorkFunnel {
  readonly generated: number;
  readonly sequencesByModule: Readonly<Record<string, number>>;
  readonly afterDedup: number;
  readonly afterFilters: number;
  readonly feasible: number;
}

/**
 * What is stored with a bucket's work: everything a worker on another machine
 * needs to rebuild the scorer (snapshot, configuration text, seed), and what
 * the generation reported, for the plan assembled at the end.
 */
export interface WorkData {
  readonly snapshot: PortfolioSnapshot;
  readonly seed: number;
  /** TOML that rebuilds the configuration (`serializeConfig`); null when the caller gave none (no remote workers). */
  readonly config: string | null;
  readonly funnel: WorkFunnel;
  /** Diagnostics of generation, filters and feasibility. */
  readonly diagnostics: readonly Diagnostic[];
}

const FORMAT = 'planner-work';
const VERSION = 1;

const WorkDataSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  snapshot: z.unknown(),
  seed: z.int(),
  config: z.nullable(z.string()),
  funnel: z.object({
    generated: z.number(),
    sequencesByModule: z.record(z.string(), z.number()),
    afterDedup: z.number(),
    afterFilters: z.number(),
    feasible: z.number(),
  }),
  diagnostics: z.array(z.object({ level: z.enum(['warning', 'error']), module: z.optional(z.string()), message: z.string() })),
});

/** The snapshot's Maps (targets, targetWeights) are written in their order, which decodeWorkData reads back. */
export function encodeWorkData(data: WorkData): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries({ format: FORMAT, version: VERSION, ...data })) {
    if (value === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${key === 'snapshot' ? snapshotToJson(value as PortfolioSnapshot) : JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}

/** Reads stored work data; anything else is a StoreError (never a wrong plan). */
export function decodeWorkData(text: string): WorkData {
  let raw: unknown;
  let keysOf: KeyOrder | undefined;
  try {
    ({ value: raw, keysOf } = readJsonInKeyOrder(text));
  } catch (error) {
    throw new StoreError(`stored work data is not JSON: ${(error as Error).message}`, { cause: error });
  }
  // zod/mini carries no messages; English ones, as classic zod gives, name what is wrong.
  const r = z.safeParse(WorkDataSchema, raw, { error: en().localeError });
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new StoreError(`stored work data is not planner work of version ${VERSION}: ${issues}`, { cause: r.error });
  }
  const d = r.data;
  const diagnostics: Diagnostic[] = d.diagnostics.map((x) => ({ level: x.level, message: x.message, ...(x.module === undefined ? {} : { module: x.module }) }));
  return { snapshot: parseSnapshot(d.snapshot, 'stored work', keysOf === undefined ? {} : { keysOf }), seed: d.seed, config: d.config, funnel: d.funnel, diagnostics };
}
