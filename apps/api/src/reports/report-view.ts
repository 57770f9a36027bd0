import type { CodedEvent, ReportCoded, WireReport } from '@app/contracts';

export type ReportStatus = 'coded' | 'uncoded' | 'received';

export interface CodingView {
  coderVersion: string;
  codedAt: string;
  events: CodedEvent[];
  skipped?: string;
}

/** GET /api/v1/reports/{reportId}: the stored report, its processing status, coder version and coded events. */
export interface ReportView {
  reportId: string;
  status: ReportStatus;
  statusReason?: string;
  receivedAt: string;
  receivedFrom: { topic: string; partition: number; offset: string } | null;
  report: WireReport;
  coderVersion: string | null;
  codedEvents: CodedEvent[];
  /** Every coding of the report, oldest first; the last one is current. */
  codings: CodingView[];
}

interface StoredFact {
  type: string;
  data: unknown;
  metadata: { kafka?: { topic: string; partition: number; offset: string } };
  recordedAt: Date;
}

/** Folds a report's stream into its view; null when the stream holds no received report. */
export function reportViewFrom(events: readonly StoredFact[]): ReportView | null {
  const received = events.find((event) => event.type === 'WireReportReceived');
  if (!received) return null;
  const report = (received.data as { report: WireReport }).report;
  const codings: CodingView[] = events
    .filter((event) => event.type === 'ReportCoded')
    .map((event) => {
      const data = event.data as ReportCoded['data'];
      return { coderVersion: data.coderVersion, codedAt: event.recordedAt.toISOString(), events: data.events, ...(data.skipped ? { skipped: data.skipped } : {}) };
    });
  const current = codings.at(-1);
  const status: ReportStatus = !current ? 'received' : current.skipped ? 'uncoded' : 'coded';
  return {
    reportId: report.reportId,
    status,
    ...(current?.skipped ? { statusReason: current.skipped } : {}),
    receivedAt: received.recordedAt.toISOString(),
    receivedFrom: received.metadata.kafka ?? null,
    report,
    coderVersion: current?.coderVersion ?? null,
    codedEvents: current?.events ?? [],
    codings,
  };
}
