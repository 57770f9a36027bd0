import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'pg';
import { PostgresEventStore, wireReportUpcasters } from '@app/event-store';
import type { ReplayRequest, ReplayThreadMessage } from './rebuild-thread';
import { replayIntoGeneration } from './replay-generation';

/** A rebuild's replay thread: its own connections and store, progress and the result posted back. */
async function replay(request: ReplayRequest): Promise<void> {
  const post = (message: ReplayThreadMessage) => parentPort!.postMessage(message);
  const pool = new Pool({ ...request.connection, max: request.writers + 1 });
  // The read models read ReportCoded only; the project's upcasters are those of every store it opens.
  const store = new PostgresEventStore(pool, { upcasters: wireReportUpcasters, notify: false });
  try {
    const result = await replayIntoGeneration(store, request.generation, { ...request, onProgress: (progress) => post({ kind: 'progress', progress }) });
    post({ kind: 'done', result });
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
  } finally {
    await store.close();
    await pool.end();
  }
}

void replay(workerData as ReplayRequest);
