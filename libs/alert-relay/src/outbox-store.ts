import type { Pool } from 'pg';

export type AlertKind = 'escalation' | 'mediation';

/** An unsent row of `alert_outbox`, in the order the relay must publish it. */
export interface PendingAlert {
  alertId: string;
  kind: AlertKind;
  key: string;
  payload: Record<string, unknown>;
  sequence: bigint;
}

interface OutboxRow {
  alert_id: string;
  kind: AlertKind;
  key: string;
  payload: Record<string, unknown>;
  sequence_text: string;
}

/** Reads and marks `alert_outbox` rows in plain autocommit statements: nothing is held open while Kafka is asked. */
export class OutboxStore {
  constructor(private readonly pool: Pick<Pool, 'query'>) {}

  async pending(limit: number): Promise<PendingAlert[]> {
    const { rows } = await this.pool.query<OutboxRow>(
      // The alias is not `sequence`: ORDER BY would then sort the text, and "406" comes before "6".
      `SELECT alert_id, kind, key, payload, sequence::text AS sequence_text
       FROM alert_outbox WHERE sent_at IS NULL ORDER BY alert_outbox.sequence LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ alertId: row.alert_id, kind: row.kind, key: row.key, payload: row.payload, sequence: BigInt(row.sequence_text) }));
  }

  /** Marks rows Kafka has acknowledged; a row already marked (by an earlier leader) keeps its first time. */
  async markSent(alertIds: readonly string[]): Promise<void> {
    if (alertIds.length === 0) return;
    await this.pool.query(`UPDATE alert_outbox SET sent_at = clock_timestamp() WHERE alert_id = ANY($1::text[]) AND sent_at IS NULL`, [alertIds]);
  }
}

/** The correlation id of an alert: the report that caused it (SPEC §4 alert payloads). */
export function correlationIdOf(alert: Pick<PendingAlert, 'kind' | 'payload'>): string | null {
  const payload = alert.payload as { reportId?: unknown; trigger?: { reportId?: unknown } };
  const id = alert.kind === 'escalation' ? payload.trigger?.reportId : payload.reportId;
  return typeof id === 'string' ? id : null;
}
