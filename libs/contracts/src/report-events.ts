import type { CodedEvent } from './coded-event';
import type { WireReport } from './wire-report';

/** Where a stored fact came from on Kafka. */
export interface KafkaCoordinates {
  topic: string;
  partition: number;
  offset: string;
}

/** Stream of one wire report: `report-<reportId>`. */
export const reportStreamId = (reportId: string): string => `report-${reportId}`;

/** Schema version 2: `receivedVia` joined the payload (v1 had the report alone; an upcaster fills it in). */
export interface WireReportReceived {
  type: 'WireReportReceived';
  data: { report: WireReport; receivedVia: KafkaCoordinates | null };
}

/**
 * The coder's output for a report. A report is coded again by a newer coder as a new ReportCoded event;
 * read models use the newest one. `skipped` says why nothing was coded (e.g. a language the coder lacks).
 */
export interface ReportCoded {
  type: 'ReportCoded';
  data: {
    reportId: string;
    coderVersion: string;
    events: CodedEvent[];
    skipped?: 'unsupported_language' | 'coder_error';
    supersedes?: string;
  };
}

export type ReportEvent = WireReportReceived | ReportCoded;
export type ReportEventType = ReportEvent['type'];
