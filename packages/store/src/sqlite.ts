import { StoreError } from '@planner/contracts';
import type { Sequence, StoredResult, StoredSequence, StoreProgress, WorkKey } from '@planner/contracts';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import {
  applyBucketPatch, BUCKET_COLUMNS, bucketExists, bucketMissing, fromBucketRow, parseBucketPatch, parseBucketRecord, raisedHighWaterMark,
} from './bucket-record.js';
import type { BucketRow } from './bucket-record.js';
import { isBetter, notCurrentError, patternType, sameKey, sequencePriority, toResult } from './sequence-columns.js';
import type { ResultRow } from './sequence-columns.js';
import { checkSqliteFile, migrateSqliteSchema } from './sqlite-schema.js';
import type { BucketRecord, BucketRepository, PlannerStore } from './types.js';

export type { PlannerStore } from './types.js';
export { SQLITE_APPLICATION_ID, SQLITE_SCHEMA_VERSION } from './sqlite-schema.js';

function isAccessError(e: unknown): boolean {
  const code = String((e as { code?: unknown }).code ?? '');
  return code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH';
}

/** What went wrong, in words: a full disk or a read-only place is not a corrupt file. */
function writeError(where: string, op: string, e: unknown): StoreError {
  const code = String((e as { code?: unknown }).code ?? '');
  const message = (e as Error).message;
  let what = `failed in ${op}: ${message}`;
  if (code === 'SQLITE_FULL') {
    what = `is full in ${op} (${message}): the disk, or the database's size limit; the work stored so far is kept, free space and run again`;
  } else if (isAccessError(e)) {
    what = `cannot be written in ${op} (${message}): the file or its directory is read-only, or not writable by this user (SQLite needs to create the -wal and -shm files beside it)`;
  }
  return new StoreError(`sqlite store ${where} ${what}`, { cause: e });
}

export interface SqliteStoreOptions {
  /** File path, or `':memory:'`. */
  readonly path: string;
  /** Upper bound of the database's size (SQLite `max_page_count`); a write beyond it fails as a full disk does. */
  readonly maxSizeBytes?: number;
  /** Told each SQL statement the store runs (diagnostics; better-sqlite3's `verbose`). */
  readonly onStatement?: (sql: string) => void;
}


/**
 * The embedded store: one SQLite file in WAL mode, schema created and
 * migrated here. One process at a time drives a bucket's work; leases live in
 * this process, so a crash releases them.
 */
export function createSqliteStore(options: SqliteStoreOptions): PlannerStore {
  const where = options.path === ':memory:' ? '(in memory)' : `'${options.path}'`;
  let db: BetterSqlite3.Database;
  try {
    const { onStatement } = options;
    db = new Database(options.path, onStatement ? { verbose: (sql: unknown) => onStatement(String(sql)) } : {});
  } catch (e) {
    throw new StoreError(`cannot open sqlite store ${where}: ${(e as Error).message}`, { cause: e });
  }
  let version: number;
  try {
    db.pragma('busy_timeout = 5000');
    // Read-only checks first: a foreign or damaged file is refused before anything (even WAL mode) writes to it.
    version = checkSqliteFile(db, where);
  } catch (e) {
    db.close();
    if (e instanceof StoreError) throw e;
    // Reading a WAL file needs its -shm beside it: a read-only place fails here already, and is not a corrupt file.
    if (isAccessError(e)) throw writeError(where, 'open', e);
    throw new StoreError(`cannot open sqlite store ${where}: ${(e as Error).message} (corrupt or not a SQLite file)`, { cause: e });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (options.maxSizeBytes !== undefined) {
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxSizeBytes / pageSize))}`);
    }
    migrateSqliteSchema(db, version);
  } catch (e) {
    db.close();
    throw writeError(where, 'open', e);
  }

  const q = {
    work: db.prepare(`SELECT portfolio_hash, config_hash FROM work WHERE bucket = ?`),
    setWork: db.prepare(`INSERT INTO work (bucket, portfolio_hash, config_hash, data) VALUES (?, ?, ?, NULL)
      ON CONFLICT (bucket) DO UPDATE SET portfolio_hash = excluded.portfolio_hash, config_hash = excluded.config_hash, data = NULL`),
    setData: db.prepare(`UPDATE work SET data = ? WHERE bucket = ? AND portfolio_hash = ? AND config_hash = ?`),
    getData: db.prepare(`SELECT data FROM work WHERE bucket = ? AND portfolio_hash = ? AND config_hash = ?`).pluck(),
    seqAt: db.prepare(`SELECT idx, sequence_hash, sequence_json FROM sequences WHERE bucket = ? AND idx = ?`),
    delWork: db.prepare(`DELETE FROM work WHERE bucket = ?`),
    delSeq: db.prepare(`DELETE FROM sequences WHERE bucket = ?`),
    delEval: db.prepare(`DELETE FROM evaluations WHERE bucket = ?`),
    delBest: db.prepare(`DELETE FROM best_result WHERE bucket = ?`),
    countSeq: db.prepare(`SELECT count(*) AS n FROM sequences WHERE bucket = ?`).pluck(),
    countEval: db.prepare(`SELECT count(*) AS n FROM evaluations WHERE bucket = ? AND portfolio_hash = ? AND config_hash = ?`).pluck(),
    insSeq: db.prepare(`INSERT INTO sequences (bucket, sequence_hash, idx, priority, depth, pattern_type, sequence_json)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bucket, sequence_hash) DO NOTHING`),
    pending: db.prepare(`SELECT s.idx, s.sequence_hash, s.sequence_json FROM sequences s
      WHERE s.bucket = ? AND s.idx >= ? AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.bucket = s.bucket
        AND e.portfolio_hash = ? AND e.config_hash = ? AND e.sequence_hash = s.sequence_hash)
      ORDER BY s.idx LIMIT ?`),
    insEval: db.prepare(`INSERT INTO evaluations (bucket, portfolio_hash, config_hash, sequence_hash, idx, end_score,
        diversification_score, risk_score, transaction_cost)
      SELECT s.bucket, ?, ?, s.sequence_hash, s.idx, ?, ?, ?, ? FROM sequences s WHERE s.bucket = ? AND s.sequence_hash = ?
      ON CONFLICT DO NOTHING RETURNING idx`),
    results: db.prepare(`SELECT idx, sequence_hash, end_score, diversification_score, risk_score, transaction_cost
      FROM evaluations WHERE bucket = ? AND portfolio_hash = ? AND config_hash = ? ORDER BY idx`),
    best: db.prepare(`SELECT b.idx, b.sequence_hash, e.end_score, e.diversification_score, e.risk_score, e.transaction_cost
      FROM best_result b JOIN evaluations e ON e.bucket = b.bucket AND e.portfolio_hash = b.portfolio_hash
        AND e.config_hash = b.config_hash AND e.sequence_hash = b.sequence_hash
      WHERE b.bucket = ? AND b.portfolio_hash = ? AND b.config_hash = ?`),
    setBest: db.prepare(`INSERT INTO best_result (bucket, portfolio_hash, config_hash, sequence_hash, idx, score)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bucket) DO UPDATE SET portfolio_hash = excluded.portfolio_hash,
      config_hash = excluded.config_hash, sequence_hash = excluded.sequence_hash, idx = excluded.idx, score = excluded.score`),
    bucketList: db.prepare(`SELECT ${BUCKET_COLUMNS} FROM buckets ORDER BY position`),
    bucketGet: db.prepare(`SELECT ${BUCKET_COLUMNS} FROM buckets WHERE id = ?`),
    bucketAdd: db.prepare(`INSERT INTO buckets (id, kind, config_json, share, status, high_water_mark, high_water_mark_at, position)
      VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM buckets))`),
    bucketHwm: db.prepare(`UPDATE buckets SET high_water_mark = ?, high_water_mark_at = ? WHERE id = ?`),
    bucketSet: db.prepare(`UPDATE buckets SET kind = ?, config_json = ?, share = ?, status = ? WHERE id = ?`),
    bucketDel: db.prepare(`DELETE FROM buckets WHERE id = ?`),
  };

  const leases = new Map<string, Set<string>>();
  // Every index below a bucket's cursor was handed out in this process: claims scan from here (O(batch), not O(done)).
  const cursors = new Map<string, number>();
  let closed = false;

  function guard<T>(op: string, fn: () => T): T {
    if (closed) throw new StoreError(`sqlite store ${where} is closed`);
    try {
      return fn();
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw writeError(where, op, e);
    }
  }
  function isCurrent(key: WorkKey): boolean {
    const row = q.work.get(key.bucket) as { portfolio_hash: string; config_hash: string } | undefined;
    return row !== undefined && sameKey({ portfolioHash: row.portfolio_hash, configHash: row.config_hash }, key);
  }
  function requireCurrent(key: WorkKey, op: string): void {
    if (!isCurrent(key)) throw notCurrentError(op, key.bucket, q.work.get(key.bucket) !== undefined);
  }
  const dropWork = db.transaction((bucket: string) => {
    q.delSeq.run(bucket);
    q.delEval.run(bucket);
    q.delBest.run(bucket);
  });
  const open = db.transaction((key: WorkKey) => {
    if (!isCurrent(key)) {
      dropWork(key.bucket);
      q.setWork.run(key.bucket, key.portfolioHash, key.configHash);
    }
    return (q.countSeq.get(key.bucket) as number) > 0;
  });
  const put = db.transaction((key: WorkKey, sequences: readonly StoredSequence[]): number => {
    requireCurrent(key, 'put');
    let added = 0;
    for (const s of sequences) {
      added += q.insSeq.run(key.bucket, s.hash, s.index, sequencePriority(s.sequence), s.sequence.length, patternType(s.sequence), JSON.stringify(s.sequence)).changes;
    }
    return added;
  });
  const recordResults = db.transaction((key: WorkKey, results: readonly StoredResult[]): number => {
    if (!isCurrent(key)) return 0;
    let added = 0;
    const bestRow = q.best.get(key.bucket, key.portfolioHash, key.configHash) as ResultRow | undefined;
    let best: StoredResult | null = bestRow ? toResult(bestRow) : null;
    let changed = false;
    for (const r of results) {
      const row = q.insEval.get(key.portfolioHash, key.configHash, r.score, r.diversificationScore, r.riskScore, r.transactionCost, key.bucket, r.hash) as
        | { idx: number }
        | undefined;
      if (!row) continue;
      added++;
      const stored: StoredResult = { ...r, index: row.idx };
      if (isBetter(stored, best)) {
        best = stored;
        changed = true;
      }
    }
    if (changed && best) q.setBest.run(key.bucket, key.portfolioHash, key.configHash, best.hash, best.index, best.score);
    return added;
  });

  // Progress counts per bucket, kept up to date by this connection's own writes instead of counting
  // every row after each batch. `data_version` changes when another connection commits: then recount.
  const counts = new Map<string, { total: number; evaluated: number; version: number }>();
  const dataVersion = (): number => db.pragma('data_version', { simple: true }) as number;
  function countsOf(key: WorkKey): { total: number; evaluated: number } {
    const version = dataVersion();
    const hit = counts.get(key.bucket);
    if (hit && hit.version === version) return hit;
    const fresh = {
      total: q.countSeq.get(key.bucket) as number,
      evaluated: q.countEval.get(key.bucket, key.portfolioHash, key.configHash) as number,
      version,
    };
    counts.set(key.bucket, fresh);
    return fresh;
  }
  function addCounts(bucket: string, field: 'total' | 'evaluated', n: number): void {
    const hit = counts.get(bucket);
    if (hit) hit[field] += n;
  }

  const repository: BucketRepository = {
    async add(bucket) {
      const b = parseBucketRecord(bucket);
      return guard('buckets.add', () => {
        if (q.bucketGet.get(b.id)) throw bucketExists(b.id);
        q.bucketAdd.run(b.id, b.kind, JSON.stringify(b.config), b.share, b.status, b.highWaterMark?.value ?? null, b.highWaterMark?.at ?? null);
        return b;
      });
    },
    async list() {
      return guard('buckets.list', () => (q.bucketList.all() as BucketRow[]).map(fromBucketRow));
    },
    async get(id) {
      return guard('buckets.get', () => {
        const row = q.bucketGet.get(id) as BucketRow | undefined;
        return row ? fromBucketRow(row) : null;
      });
    },
    async update(id, patch) {
      const p = parseBucketPatch(patch);
      return guard('buckets.update', () => {
        const row = q.bucketGet.get(id) as BucketRow | undefined;
        if (!row) throw bucketMissing(id);
        const next = applyBucketPatch(fromBucketRow(row), p);
        q.bucketSet.run(next.kind, JSON.stringify(next.config), next.share, next.status, id);
        return next;
      });
    },
    async remove(id) {
      return guard('buckets.remove', () => q.bucketDel.run(id).changes > 0);
    },
    async raiseHighWaterMark(id, value, at) {
      return guard('buckets.raiseHighWaterMark', () => db.transaction(() => {
        const row = q.bucketGet.get(id) as BucketRow | undefined;
        if (!row) throw bucketMissing(id);
        const current = fromBucketRow(row);
        const next = raisedHighWaterMark(current, value, at);
        if (next !== current) q.bucketHwm.run(next.highWaterMark?.value, next.highWaterMark?.at, id);
        return next;
      })());
    },
  };

  return {
    buckets: repository,
    async open(key) {
      return guard('open', () => {
        leases.delete(key.bucket);
        cursors.delete(key.bucket);
        counts.delete(key.bucket);
        // Write transactions start IMMEDIATE: a deferred one that read first cannot take the write lock
        // after another process wrote (SQLITE_BUSY_SNAPSHOT, which the busy timeout does not retry).
        return { hasSequences: open.immediate(key) };
      });
    },
    async put(key, sequences) {
      guard('put', () => {
        addCounts(key.bucket, 'total', put.immediate(key, sequences));
        cursors.delete(key.bucket);
      });
    },
    async claimBatch(key, size) {
      return guard('claimBatch', () => {
        requireCurrent(key, 'claimBatch');
        let leased = leases.get(key.bucket);
        if (!leased) leases.set(key.bucket, (leased = new Set()));
        const rows = q.pending.all(key.bucket, cursors.get(key.bucket) ?? 0, key.portfolioHash, key.configHash, size + leased.size) as {
          idx: number;
          sequence_hash: string;
          sequence_json: string;
        }[];
        const out: StoredSequence[] = [];
        for (const r of rows) {
          if (out.length >= size) break;
          if (leased.has(r.sequence_hash)) continue;
          leased.add(r.sequence_hash);
          out.push({ index: r.idx, hash: r.sequence_hash, sequence: JSON.parse(r.sequence_json) as Sequence });
        }
        const last = out[out.length - 1];
        if (last) cursors.set(key.bucket, last.index + 1);
        return out;
      });
    },
    async recordResults(key, results) {
      guard('recordResults', () => {
        addCounts(key.bucket, 'evaluated', recordResults.immediate(key, results));
        const leased = leases.get(key.bucket);
        if (leased) for (const r of results) leased.delete(r.hash);
      });
    },
    async results(key) {
      return guard('results', () =>
        isCurrent(key) ? (q.results.all(key.bucket, key.portfolioHash, key.configHash) as ResultRow[]).map(toResult) : [],
      );
    },
    async progress(key): Promise<StoreProgress> {
      return guard('progress', () => {
        if (!isCurrent(key)) return { total: 0, evaluated: 0, finished: false };
        const { total, evaluated } = countsOf(key);
        return { total, evaluated, finished: total > 0 && evaluated === total };
      });
    },
    async best(key) {
      return guard('best', () => {
        if (!isCurrent(key)) return null;
        const row = q.best.get(key.bucket, key.portfolioHash, key.configHash) as ResultRow | undefined;
        return row ? toResult(row) : null;
      });
    },
    async setWorkData(key, data) {
      guard('setWorkData', () => {
        if (q.setData.run(data, key.bucket, key.portfolioHash, key.configHash).changes === 0) requireCurrent(key, 'setWorkData');
      });
    },
    async workData(key) {
      return guard('workData', () => (q.getData.get(key.bucket, key.portfolioHash, key.configHash) as string | null | undefined) ?? null);
    },
    async sequencesAt(key, indexes) {
      return guard('sequencesAt', () => {
        if (!isCurrent(key)) return [];
        const out: StoredSequence[] = [];
        for (const i of [...new Set(indexes)].sort((a, b) => a - b)) {
          const r = q.seqAt.get(key.bucket, i) as { idx: number; sequence_hash: string; sequence_json: string } | undefined;
          if (r) out.push({ index: r.idx, hash: r.sequence_hash, sequence: JSON.parse(r.sequence_json) as Sequence });
        }
        return out;
      });
    },
    async invalidate(bucket) {
      guard('invalidate', () => {
        leases.delete(bucket);
        cursors.delete(bucket);
        counts.delete(bucket);
        db.transaction(() => {
          dropWork(bucket);
          q.delWork.run(bucket);
        }).immediate();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
