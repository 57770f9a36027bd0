import { reportStreamId, type ReportCoded, type WireReport } from '@app/contracts';
import { ConcurrencyError, type PostgresEventStore, type StoredEvent } from '@app/event-store';
import { decideRecoding, type LatestCoding, type RecodingCoder } from './recoding';

export interface RecodeOptions {
  /** Reports received (recorded) at or after this instant. */
  from?: Date;
  /** Reports received before this instant. */
  until?: Date;
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (tally: RecodeTally) => void;
}

export interface RecodeTally {
  examined: number;
  recoded: number;
  unchanged: number;
  failed: number;
}

const latestCodingOf = (stream: StoredEvent[]): LatestCoding | null => {
  const coding = stream.filter((event) => event.type === 'ReportCoded').at(-1);
  return coding ? { eventId: coding.eventId, data: coding.data as ReportCoded['data'] } : null;
};

/**
 * Runs the current coder over stored reports (WireReportReceived, in global order) and appends a new
 * ReportCoded to each report whose coding it changes. Appends expect the stream's version, so a coding written
 * meanwhile (by ingest or another re-coder) is read again rather than overtaken.
 */
export async function recodeReports(store: PostgresEventStore, coder: RecodingCoder, options: RecodeOptions = {}): Promise<RecodeTally> {
  const tally: RecodeTally = { examined: 0, recoded: 0, unchanged: 0, failed: 0 };
  const filter = { types: ['WireReportReceived'], ...(options.from ? { from: options.from } : {}), ...(options.until ? { until: options.until } : {}) };
  let page = await store.readAll(undefined, options.pageSize ?? 200, filter);
  for (;;) {
    for (const received of page.events) {
      if (options.signal?.aborted) return tally;
      const outcome = await recodeOne(store, coder, (received.data as { report: WireReport }).report, received);
      tally.examined += 1;
      tally[outcome] += 1;
      options.onProgress?.(tally);
    }
    if (page.isEnd) return tally;
    page = await store.readAll(page.checkpoint, options.pageSize ?? 200, filter);
  }
}

async function recodeOne(store: PostgresEventStore, coder: RecodingCoder, report: WireReport, received: StoredEvent): Promise<'recoded' | 'unchanged' | 'failed'> {
  const streamId = reportStreamId(report.reportId);
  for (let attempt = 1; ; attempt += 1) {
    const stream = await store.readStream(streamId);
    const decision = decideRecoding(report, latestCodingOf(stream), coder);
    if (decision.kind !== 'append') return decision.kind === 'unchanged' ? 'unchanged' : 'failed';
    const metadata = { correlationId: report.reportId, causationId: received.eventId, recodedBy: coder.version };
    try {
      const result = await store.append(streamId, stream.length, [{ type: 'ReportCoded', data: decision.coding, metadata }], { idempotencyKey: decision.idempotencyKey });
      return result.status === 'appended' ? 'recoded' : 'unchanged';
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 3) throw error;
    }
  }
}
