import type { Pool } from 'pg';

export type RebuildStatus = 'running' | 'succeeded' | 'failed';

/** GET /api/v1/replays/{id} for a rebuild. */
export interface RebuildView {
  replayId: string;
  kind: 'rebuild';
  projection: string;
  status: RebuildStatus;
  phase: string | null;
  processed: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

interface RebuildRow {
  rebuild_id: string;
  projection: string;
  status: RebuildStatus;
  phase: string | null;
  processed: string;
  total: string;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
}

const toView = (row: RebuildRow): RebuildView => ({
  replayId: row.rebuild_id,
  kind: 'rebuild',
  projection: row.projection,
  status: row.status,
  phase: row.phase,
  processed: Number(row.processed),
  total: Number(row.total),
  startedAt: row.started_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
  error: row.error,
});

/** The `projection_rebuilds` table. */
export class RebuildRepository {
  constructor(private readonly pool: Pool) {}

  async create(rebuildId: string, projection: string, requestedBy: string | null): Promise<void> {
    await this.pool.query(`INSERT INTO projection_rebuilds (rebuild_id, projection, status, requested_by) VALUES ($1, $2, 'running', $3)`, [rebuildId, projection, requestedBy]);
  }

  async find(rebuildId: string): Promise<RebuildView | null> {
    const { rows } = await this.pool.query<RebuildRow>('SELECT * FROM projection_rebuilds WHERE rebuild_id = $1', [rebuildId]);
    return rows[0] ? toView(rows[0]) : null;
  }

  async saveProgress(rebuildId: string, phase: string, processed: number, total: number): Promise<void> {
    await this.pool.query(`UPDATE projection_rebuilds SET phase = $2, processed = $3, total = $4, updated_at = now() WHERE rebuild_id = $1`, [rebuildId, phase, processed, total]);
  }

  async finish(rebuildId: string, error: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE projection_rebuilds SET status = $2, error = $3, finished_at = now(), updated_at = now() WHERE rebuild_id = $1`,
      [rebuildId, error === null ? 'succeeded' : 'failed', error?.slice(0, 2000) ?? null],
    );
  }

  /** Rebuilds left running by a process that died: nothing runs them any more. */
  async failAbandoned(reason: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE projection_rebuilds SET status = 'failed', error = $1, finished_at = now(), updated_at = now() WHERE status = 'running'`,
      [reason],
    );
    return rowCount ?? 0;
  }
}
