import type { KafkaCoordinates, ReportCoded, WireReport } from '@app/contracts';

export type StoreOutcome =
  | { outcome: 'stored' }
  | { outcome: 'duplicate' }
  | { outcome: 'conflicting_duplicate'; storedAt: string };

/** Port: where a received report and its coding are kept, once per reportId. */
export abstract class ReportRepository {
  abstract store(report: WireReport, coding: ReportCoded['data'], receivedFrom: KafkaCoordinates): Promise<StoreOutcome>;
}
