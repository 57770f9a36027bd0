import { parentPort } from 'node:worker_threads';
import { code } from '@app/coding';
import type { CodedEvent, WireReport } from '@app/contracts';

export type CodingAnswer = { events: CodedEvent[] } | { error: string };

/** A coding thread: codes each part of reports it is sent, answering the part at once, per report, by request id. */
parentPort?.on('message', ({ id, reports }: { id: number; reports: WireReport[] }) => {
  const answers: CodingAnswer[] = reports.map((report) => {
    try {
      return { events: code(report) };
    } catch (error) {
      return { error: (error as Error)?.message ?? String(error) };
    }
  });
  parentPort!.postMessage({ id, answers });
});
