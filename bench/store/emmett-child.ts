/**
 * Runs the Emmett baseline in its own process: Emmett replaces pg's int8 and JSON parsers process-wide
 * when its first store is created, which must not change what the Wirewatch store does in the parent.
 */
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import { metadata, payload } from './payload';
import { measureRate, type CallFactory, type CellTiming, type Workload } from './workloads';

export interface EmmettRequest {
  id: number;
  kind: 'run';
  workload: Workload;
  cell: string;
  timing: CellTiming;
}

export type EmmettReply = { id: number; rate: number } | { id: number; error: string } | { ready: true };

function emmettCalls(store: PostgresEventStore, workload: Workload, cell: string): CallFactory {
  const shape = workload.emmett ?? { perCall: workload.perCall, writers: workload.writers };
  return (writer) => {
    let calls = 0;
    let version = 0n;
    if (workload.kind === 'stream') {
      const streamName = `bench-${cell}-${writer}`;
      return async () => {
        const events = Array.from({ length: shape.perCall }, (_, index) => ({
          type: 'BenchEvent',
          data: payload(calls * shape.perCall + index),
          metadata: metadata(index),
        }));
        calls += 1;
        const result = await store.appendToStream(streamName, events, {
          expectedStreamVersion: version === 0n ? STREAM_DOES_NOT_EXIST : version,
        });
        version = result.nextExpectedStreamVersion;
        return events.length;
      };
    }
    return async () => {
      const streamName = `report-${cell}-${writer}-${calls}`;
      const report = payload(calls);
      calls += 1;
      await store.appendToStream(
        streamName,
        [
          { type: 'WireReportReceived', data: { report }, metadata: metadata(calls) },
          { type: 'ReportCoded', data: { reportId: report.reportId, coderVersion: 'bench', events: [], note: report.body }, metadata: metadata(calls) },
        ],
        { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
      );
      return 2;
    };
  };
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL!;
  const pool = new Pool({ connectionString: url, max: 20 });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  await store.schema.migrate();
  const send = (reply: EmmettReply): void => void process.send!(reply);
  process.on('message', async (request: EmmettRequest) => {
    try {
      const writers = request.workload.emmett?.writers ?? request.workload.writers;
      const rate = await measureRate(writers, emmettCalls(store, request.workload, request.cell), request.timing);
      send({ id: request.id, rate });
    } catch (error) {
      send({ id: request.id, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  });
  process.on('disconnect', () => {
    void store.close().finally(() => pool.end().finally(() => process.exit(0)));
  });
  send({ ready: true });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
