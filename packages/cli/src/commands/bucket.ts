import { Command } from 'commander';
import { ConfigError, StoreError, type PlannerModule } from '@planner/contracts';
import type { Bucket, BucketService } from '@planner/buckets';
import type { BatchQueue, BucketConfigSource, BucketKind, BucketStatus, PlannerStore } from '@planner/store';
import type { Context } from '../context.js';
import { table } from '../table.js';
import { openStore, parseBucketId, withStoreOptions } from './store-options.js';
import type { StoreChoice } from './store-options.js';

interface SourceChoice {
  readonly preset?: string;
  readonly config?: string;
}

async function configSource(choice: SourceChoice, modules: readonly PlannerModule[]): Promise<BucketConfigSource> {
  if ((choice.preset === undefined) === (choice.config === undefined)) {
    throw new ConfigError([{ path: '', message: 'give exactly one of --preset NAME or --config FILE.toml' }]);
  }
  if (choice.preset !== undefined) return { preset: choice.preset };
  const [{ parseConfig, serializeConfig }, { loadConfig, readTextFile }] = await Promise.all([import('@planner/config'), import('@planner/config/node')]); // not needed by --help
  let toml: string;
  try {
    // The reader `plan --config` uses: its size limit, its UTF-16 and binary checks, its wording.
    toml = readTextFile(choice.config as string);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError([{ path: '', message: reason }], choice.config, { cause: error });
  }
  // The text is stored and parsed later without its directory: a file that extends
  // another file is stored resolved (a preset name resolves anywhere).
  if (!extendsAFile(toml, modules, parseConfig)) return { toml };
  return { toml: serializeConfig(loadConfig(choice.config as string, { modules }), { modules }) };
}

function extendsAFile(toml: string, modules: readonly PlannerModule[], parseConfig: typeof import('@planner/config').parseConfig): boolean {
  try {
    parseConfig(toml, { modules });
    return false;
  } catch {
    return true;
  }
}

function parseShare(text: string | undefined, kind: BucketKind): number {
  if (text === undefined) return kind === 'core' ? 1 : 0;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new ConfigError([{ path: 'share', message: `--share: expected a number from 0 to 1, found ${JSON.stringify(text)}` }]);
  }
  return n;
}

const STATUSES = ['research', 'accumulating', 'active', 'hibernating', 'paused', 'retired'] as const;

function parseStatus(text: string): BucketStatus {
  const found = STATUSES.find((s) => s === text);
  if (!found) throw new ConfigError([{ path: 'status', message: `--status: expected one of ${STATUSES.join(', ')}, found ${JSON.stringify(text)}` }]);
  return found;
}

function parseKind(text: string | undefined, id: string): BucketKind {
  if (text === undefined) return id === 'core' ? 'core' : 'satellite';
  if (text !== 'core' && text !== 'satellite') {
    throw new ConfigError([{ path: 'kind', message: `--kind: expected core or satellite, found ${JSON.stringify(text)}` }]);
  }
  return text;
}

const describeSource = (s: BucketConfigSource): string =>
  'preset' in s ? `preset ${s.preset}` : 'toml' in s ? 'toml' : `sliders ${JSON.stringify(s.sliders)}`;

/** Opens the store, runs `body` with the bucket service, closes the store. */
async function withService<T>(
  ctx: Context, choice: StoreChoice, body: (service: BucketService, store: PlannerStore) => Promise<T>, create = false,
): Promise<T> {
  const store = await openStore(choice, undefined, ctx.stores, { create });
  try {
    const { createBucketService } = await import('@planner/buckets');
    return await body(createBucketService({ repository: store.buckets, modules: ctx.modules, store }), store);
  } finally {
    await store.close();
  }
}

/** The bucket's batch queue (PostgreSQL): what waits, what runs, and each failed batch with its error. */
async function queueLines(queue: BatchQueue, id: string): Promise<string[]> {
  const q = await queue.status(id);
  return [
    `queue: ${q.queued} batches queued, ${q.active} being evaluated, ${q.failed.length} failed`,
    ...q.failed.map((f) => `  failed: sequences ${f.from}-${f.to - 1}: ${f.error} (planner batch --retry-failed queues it again)`),
  ];
}

function line(b: Bucket): string[] {
  return [b.id, b.kind, String(b.share), b.status, describeSource(b.config)];
}

export function bucketCommand(ctx: Context): Command {
  const bucket = new Command('bucket').description('buckets (core, satellites): each with its own configuration and stored work');

  bucket.addCommand(withStoreOptions(new Command('add'))
    .description('add a bucket; its configuration is validated first')
    .argument('<id>', 'bucket id (letters, digits, _ . -)')
    .option('--preset <name>', 'a shipped preset')
    .option('--config <file>', 'a TOML configuration file (its text is stored)')
    .option('--kind <kind>', 'core or satellite (default: core for the id "core", else satellite)')
    .option('--share <fraction>', 'share of the portfolio, 0..1 (default 1 for core, 0 for satellites)')
    .action(async (id: string, o: StoreChoice & SourceChoice & { kind?: string; share?: string }) => {
      await parseBucketId(id);
      const kind = parseKind(o.kind, id);
      const source = await configSource(o, ctx.modules);
      const share = parseShare(o.share, kind);
      const added = await withService(ctx, o, (s) => s.add({ id, kind, config: source, share }), true);
      ctx.io.out(`added bucket ${added.id} (${added.kind}, share ${added.share}, ${describeSource(added.config)})\n`);
    }));

  bucket.addCommand(withStoreOptions(new Command('list'))
    .description('list the buckets')
    .action(async (o: StoreChoice) => {
      const all = await withService(ctx, o, (s) => s.list());
      if (all.length === 0) ctx.io.out('no buckets\n');
      else ctx.io.out(`${table(['id', 'kind', 'share', 'status', 'config'], all.map(line), new Set([2]))}\n`);
    }));

  bucket.addCommand(withStoreOptions(new Command('show'))
    .description('show a bucket and the configuration it plans with')
    .argument('<id>')
    .action(async (id: string, o: StoreChoice) => {
      await parseBucketId(id);
      const text = await withService(ctx, o, async (s, store) => {
        const b = await s.get(id);
        if (!b) throw new StoreError(`bucket '${id}' does not exist`);
        const p = (await s.getPlanner(id)).config.planner;
        const { pyFixed } = await import('@planner/context');
        return [
          `id: ${b.id}`, `kind: ${b.kind}`, `share: ${b.share}`, `status: ${b.status}`, `config: ${describeSource(b.config)}`,
          `high-water mark: ${b.highWaterMark ? `${pyFixed(b.highWaterMark.value, 2)} EUR (${b.highWaterMark.at})` : 'none yet (set by planner plan --buckets)'}`,
          `planner: ${p.name} (max_depth ${p.maxDepth}, beam_width ${p.beamWidth}, seed ${p.seed})`,
          ...(store.queue ? await queueLines(store.queue, id) : []),
          ...('toml' in b.config ? ['', b.config.toml.trimEnd()] : []),
        ].join('\n');
      });
      ctx.io.out(`${text}\n`);
    }));

  bucket.addCommand(withStoreOptions(new Command('set-config'))
    .description('change a bucket\'s configuration (validated first); its stored work restarts on the next batch')
    .argument('<id>')
    .option('--preset <name>', 'a shipped preset')
    .option('--config <file>', 'a TOML configuration file')
    .action(async (id: string, o: StoreChoice & SourceChoice) => {
      await parseBucketId(id);
      const source = await configSource(o, ctx.modules);
      const b = await withService(ctx, o, (s) => s.setConfig(id, source));
      ctx.io.out(`bucket ${b.id} now plans with ${describeSource(b.config)}\n`);
    }));

  bucket.addCommand(withStoreOptions(new Command('set'))
    .description('change a bucket\'s share or status; the shares of all buckets may add up to at most 1')
    .argument('<id>')
    .option('--share <fraction>', 'share of the portfolio, 0..1')
    .option('--status <status>', `${STATUSES.join(', ')} (only active and accumulating buckets are planned)`)
    .action(async (id: string, o: StoreChoice & { share?: string; status?: string }) => {
      if (o.share === undefined && o.status === undefined) {
        throw new ConfigError([{ path: '', message: 'give --share, --status or both' }]);
      }
      const patch = {
        ...(o.share === undefined ? {} : { share: parseShare(o.share, 'satellite') }),
        ...(o.status === undefined ? {} : { status: parseStatus(o.status) }),
      };
      const b = await withService(ctx, o, (s) => s.update(id, patch));
      ctx.io.out(`bucket ${b.id}: share ${b.share}, status ${b.status}\n`);
    }));

  bucket.addCommand(withStoreOptions(new Command('remove'))
    .description('remove a bucket and its stored work')
    .argument('<id>')
    .action(async (id: string, o: StoreChoice) => {
      await parseBucketId(id);
      const removed = await withService(ctx, o, (s) => s.remove(id));
      if (!removed) throw new StoreError(`bucket '${id}' does not exist`);
      ctx.io.out(`removed bucket ${id}\n`);
    }));

  return bucket;
}
