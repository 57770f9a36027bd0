import type { Pool } from 'pg';
import { activeGeneration, subscriptionOf } from '@app/projections';

/** What the database says about the pipeline, read at scrape time. */
export interface PipelineReadings {
  reportsReceived: number;
  reportsReceivedLastMinute: number;
  eventsStored: number;
  projection: { subscription: string; lagEvents: number; lagSeconds: number } | null;
  outbox: { unsent: number; oldestUnsentSeconds: number; sent: number };
}

/**
 * Ingest rate comes from the event store (WireReportReceived events, a count every api replica agrees on, and
 * which survives ingest restarts); projection lag from the active generation's checkpoint: the events stored
 * after it and the age of the oldest of them; the outbox backlog from its unsent rows (partial index).
 */
export async function readPipeline(pool: Pick<Pool, 'query'>): Promise<PipelineReadings> {
  const [events, projection, outbox] = await Promise.all([
    pool.query<{ received: string; last_minute: string; total: string }>(
      `SELECT count(*) FILTER (WHERE event_type = 'WireReportReceived') AS received,
              count(*) FILTER (WHERE event_type = 'WireReportReceived' AND recorded_at > now() - interval '60 seconds') AS last_minute,
              count(*) AS total
       FROM events`,
    ),
    readProjectionLag(pool),
    pool.query<{ unsent: string; oldest_seconds: number | null; sent: string }>(
      `SELECT (SELECT count(*) FROM alert_outbox WHERE sent_at IS NULL) AS unsent,
              (SELECT extract(epoch FROM clock_timestamp() - min(created_at))::float8 FROM alert_outbox WHERE sent_at IS NULL) AS oldest_seconds,
              (SELECT count(*) FROM alert_outbox WHERE sent_at IS NOT NULL) AS sent`,
    ),
  ]);
  return {
    reportsReceived: Number(events.rows[0].received),
    reportsReceivedLastMinute: Number(events.rows[0].last_minute),
    eventsStored: Number(events.rows[0].total),
    projection,
    outbox: { unsent: Number(outbox.rows[0].unsent), oldestUnsentSeconds: Math.max(0, outbox.rows[0].oldest_seconds ?? 0), sent: Number(outbox.rows[0].sent) },
  };
}

async function readProjectionLag(pool: Pick<Pool, 'query'>): Promise<PipelineReadings['projection']> {
  const subscription = subscriptionOf(await activeGeneration(pool));
  const { rows } = await pool.query<{ behind: string; oldest_seconds: number | null }>(
    `WITH checkpoint AS (
       SELECT coalesce((SELECT transaction_id FROM subscription_checkpoints WHERE subscription_id = $1), '0'::xid8) AS transaction_id,
              coalesce((SELECT global_position FROM subscription_checkpoints WHERE subscription_id = $1), 0) AS global_position
     )
     SELECT count(*) AS behind, extract(epoch FROM clock_timestamp() - min(e.recorded_at))::float8 AS oldest_seconds
     FROM events e, checkpoint c
     WHERE (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)`,
    [subscription],
  );
  return { subscription, lagEvents: Number(rows[0].behind), lagSeconds: Math.max(0, rows[0].oldest_seconds ?? 0) };
}
