import type { Pool } from 'pg';
import type { Checkpoint } from '@app/event-store';
import type { ReplayRecord } from './replay-record';
import type { ReplaySelection } from './replay-request';
import { selectionCountQuery } from './selection-sql';

interface ReplayRow {
  replay_id: string;
  topic: string;
  selection: { types?: string[]; from?: string; until?: string };
  end_transaction_id: string;
  end_position: string;
  sent_transaction_id: string;
  sent_position: string;
  status: ReplayRecord['status'];
  processed: string;
  total: string;
  requested_by: string | null;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
}

const COLUMNS = `replay_id, topic, selection, end_transaction_id::text AS end_transaction_id, end_position,
  sent_transaction_id::text AS sent_transaction_id, sent_position, status, processed, total, requested_by,
  started_at, finished_at, error`;

const toRecord = (row: ReplayRow): ReplayRecord => ({
  replayId: row.replay_id,
  topic: row.topic,
  selection: {
    ...(row.selection.types ? { types: row.selection.types } : {}),
    ...(row.selection.from ? { from: new Date(row.selection.from) } : {}),
    ...(row.selection.until ? { until: new Date(row.selection.until) } : {}),
  },
  end: { transactionId: BigInt(row.end_transaction_id), position: BigInt(row.end_position) },
  sent: { transactionId: BigInt(row.sent_transaction_id), position: BigInt(row.sent_position) },
  status: row.status,
  processed: Number(row.processed),
  total: Number(row.total),
  requestedBy: row.requested_by,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  error: row.error,
});

export interface NewReplay {
  replayId: string;
  topic: string;
  selection: ReplaySelection;
  end: Checkpoint;
  requestedBy: string | null;
}

/** The `replays` table: what each replay selected, how far it got, how it ended. */
export class ReplayRepository {
  constructor(private readonly pool: Pool) {}

  /** Counts the selection up to `end` and records the replay as running. */
  async create(replay: NewReplay): Promise<ReplayRecord> {
    const count = selectionCountQuery(replay.selection, replay.end);
    const { rows: counted } = await this.pool.query<{ total: string }>(count.text, count.values);
    const { rows } = await this.pool.query<ReplayRow>(
      `INSERT INTO replays (replay_id, topic, selection, end_transaction_id, end_position, status, total, requested_by)
       VALUES ($1, $2, $3, $4::xid8, $5, 'running', $6, $7) RETURNING ${COLUMNS}`,
      [
        replay.replayId,
        replay.topic,
        JSON.stringify(replay.selection),
        replay.end.transactionId.toString(),
        replay.end.position.toString(),
        counted[0].total,
        replay.requestedBy,
      ],
    );
    return toRecord(rows[0]);
  }

  async find(replayId: string): Promise<ReplayRecord | null> {
    const { rows } = await this.pool.query<ReplayRow>(`SELECT ${COLUMNS} FROM replays WHERE replay_id = $1`, [replayId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async running(): Promise<ReplayRecord[]> {
    const { rows } = await this.pool.query<ReplayRow>(`SELECT ${COLUMNS} FROM replays WHERE status = 'running' ORDER BY started_at`);
    return rows.map(toRecord);
  }

  /** After Kafka acknowledged a batch: the resume point and the count move together. */
  async saveProgress(replayId: string, sent: Checkpoint, processed: number): Promise<void> {
    await this.pool.query(
      `UPDATE replays SET sent_transaction_id = $2::xid8, sent_position = $3, processed = $4, updated_at = now() WHERE replay_id = $1`,
      [replayId, sent.transactionId.toString(), sent.position.toString(), processed],
    );
  }

  async finish(replayId: string, outcome: { status: 'succeeded' } | { status: 'failed'; error: string }): Promise<void> {
    await this.pool.query(
      `UPDATE replays SET status = $2, error = $3, finished_at = now(), updated_at = now() WHERE replay_id = $1`,
      [replayId, outcome.status, outcome.status === 'failed' ? outcome.error.slice(0, 2000) : null],
    );
  }
}
