import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { EventToAppend, PostgresEventStore, StreamAppend } from '@app/event-store';
import { metadata, payload } from './payload';
import type { CallFactory, Workload } from './workloads';

export function reportEvents(seed: number): EventToAppend[] {
  const report = payload(seed);
  return [
    { type: 'WireReportReceived', data: { report }, metadata: metadata(seed) },
    { type: 'ReportCoded', data: { reportId: report.reportId, coderVersion: 'bench', events: [], note: report.body }, metadata: metadata(seed) },
  ];
}

export function wirewatchCalls(store: PostgresEventStore, workload: Workload, cell: string): CallFactory {
  return (writer) => {
    let calls = 0;
    if (workload.kind === 'stream') {
      const streamId = `bench-${cell}-${writer}`;
      let version = 0;
      return async () => {
        const events = Array.from({ length: workload.perCall }, (_, index) => ({
          type: 'BenchEvent',
          data: payload(calls * workload.perCall + index),
          metadata: metadata(index),
        }));
        calls += 1;
        const result = await store.append(streamId, version, events);
        version = result.nextExpectedVersion;
        return events.length;
      };
    }
    return async () => {
      const appends: StreamAppend[] = Array.from({ length: workload.perCall }, (_, index) => {
        const reportId = `${cell}-${writer}-${calls}-${index}`;
        return { streamId: `report-${reportId}`, expected: 'no_stream', idempotencyKey: reportId, events: reportEvents(index) };
      });
      calls += 1;
      if (appends.length === 1) {
        const [only] = appends;
        await store.append(only.streamId, only.expected, only.events, { idempotencyKey: only.idempotencyKey });
        return 2;
      }
      const results = await store.appendMany(appends);
      return results.filter((result) => result.status === 'appended').length * 2;
    };
  };
}

export const BARE_TABLE_SQL = `
  CREATE TABLE IF NOT EXISTS bare_events (
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    global_position bigint GENERATED ALWAYS AS IDENTITY,
    stream_id text, stream_version bigint, event_id uuid, event_type text, schema_version integer,
    data jsonb, metadata jsonb, recorded_at timestamptz NOT NULL DEFAULT now()
  )`;

const BARE_INSERT_SQL = `INSERT INTO bare_events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
  SELECT * FROM unnest($1::text[], $2::int8[], $3::uuid[], $4::text[], $5::int4[], $6::jsonb[], $7::jsonb[])`;

/** The ceiling: the same rows, one multi-row INSERT per call, into a table with no constraints or indexes. */
export function bareCalls(pool: Pool, workload: Workload, cell: string): CallFactory {
  return (writer) => {
    let calls = 0;
    let version = 0;
    return async () => {
      const rows: { streamId: string; version: number; event: EventToAppend }[] = [];
      if (workload.kind === 'stream') {
        for (let index = 0; index < workload.perCall; index += 1) {
          version += 1;
          rows.push({
            streamId: `bench-${cell}-${writer}`,
            version,
            event: { type: 'BenchEvent', data: payload(calls * workload.perCall + index), metadata: metadata(index) },
          });
        }
      } else {
        for (let index = 0; index < workload.perCall; index += 1) {
          const streamId = `report-${cell}-${writer}-${calls}-${index}`;
          reportEvents(index).forEach((event, offset) => rows.push({ streamId, version: offset + 1, event }));
        }
      }
      calls += 1;
      await pool.query({
        name: 'bare_insert',
        text: BARE_INSERT_SQL,
        values: [
          rows.map((row) => row.streamId),
          rows.map((row) => row.version),
          rows.map(() => randomUUID()),
          rows.map((row) => row.event.type),
          rows.map(() => 1),
          rows.map((row) => JSON.stringify(row.event.data)),
          rows.map((row) => JSON.stringify(row.event.metadata ?? {})),
        ],
      });
      return rows.length;
    };
  };
}
