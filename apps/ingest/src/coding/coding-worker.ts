import { parentPort } from 'node:worker_threads';
import { code } from '@app/coding';
import type { WireReport } from '@app/contracts';

/** A coding thread: codes the reports it is sent, one at a time, answering by request id. */
parentPort?.on('message', ({ id, report }: { id: number; report: WireReport }) => {
  try {
    parentPort!.postMessage({ id, events: code(report) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error)?.message ?? String(error) });
  }
});
