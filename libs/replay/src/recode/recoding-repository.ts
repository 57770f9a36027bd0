import type { Pool } from 'pg';
import type { RecodeTally } from './recoder';

export type RecodingStatus = 'running' | 'succeeded' | 'failed';

/** GET /api/v1/replays/{id} for a re-coding: `processed` of `total` reports examined, and what became of them. */
export interface RecodingView {
  replayId: string;
  kind: 'recode';
  coderVersion: string;
  from: string | null;
  until: string | null;
  status: RecodingStatus;
  processed: number;
  total: number;
  recoded: number;
  unchanged: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface RecodingRecord {
  recodeId: string;
  coderVersion: string;
  from?: Date;
  until?: Date;
  total: number;
  requestedBy: string | null;
}

interface RecodingRow {
  recode_id: string;
  coder_version: string;
  from_at: Date | null;
  until_at: Date | null;
  status: RecodingStatus;
  processed: string;
  total: string;
  recoded: string;
  unchanged: string;
  failed: string;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
}

const toView = (row: RecodingRow): RecodingView => ({
  replayId: row.recode_id,
  kind: 'recode',
  coderVersion: row.coder_version,
  from: row.from_at?.toISOString() ?? null,
  until: row.until_at?.toISOString() ?? null,
  status: row.status,
  processed: Number(row.processed),
  total: Number(row.total),
  recoded: Number(row.recoded),
  unchanged: Number(row.unchanged),
  failed: Number(row.failed),
  startedAt: row.started_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
  error: row.error,
});

/** The `report_recodings` table. */
export class RecodingRepository {
  constructor(private readonly pool: Pool) {}

  async create(record: RecodingRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO report_recodings (recode_id, coder_version, from_at, until_at, status, total, requested_by) VALUES ($1, $2, $3, $4, 'running', $5, $6)`,
      [record.recodeId, record.coderVersion, record.from ?? null, record.until ?? null, record.total, record.requestedBy],
    );
  }

  async find(recodeId: string): Promise<RecodingView | null> {
    const { rows } = await this.pool.query<RecodingRow>('SELECT * FROM report_recodings WHERE recode_id = $1', [recodeId]);
    return rows[0] ? toView(rows[0]) : null;
  }

  async saveProgress(recodeId: string, tally: RecodeTally): Promise<void> {
    await this.pool.query(
      `UPDATE report_recodings SET processed = $2, recoded = $3, unchanged = $4, failed = $5, updated_at = now() WHERE recode_id = $1`,
      [recodeId, tally.examined, tally.recoded, tally.unchanged, tally.failed],
    );
  }

  async finish(recodeId: string, error: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE report_recodings SET status = $2, error = $3, finished_at = now(), updated_at = now() WHERE recode_id = $1`,
      [recodeId, error === null ? 'succeeded' : 'failed', error?.slice(0, 2000) ?? null],
    );
  }

  /** Re-codings left running by a process that died: nothing runs them any more. */
  async failAbandoned(reason: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE report_recodings SET status = 'failed', error = $1, finished_at = now(), updated_at = now() WHERE status = 'running'`,
      [reason],
    );
    return rowCount ?? 0;
  }
}
