import type { KafkaCoordinates, ReportCoded, WireReport } from '@app/contracts';

export type StoreOutcome =
  | { outcome: 'stored' }
  | { outcome: 'duplicate' }
  | { outcome: 'conflicting_duplicate'; storedAt: string };

export interface ReportToStore {
  report: WireReport;
  coding: ReportCoded['data'];
  receivedFrom: KafkaCoordinates;
}

/**
 * Port: where received reports and their codings are kept, once per reportId. `storeMany` stores a whole batch
 * in one transaction and answers per report, in input order; reportIds within one call are distinct.
 */
export abstract class ReportRepository {
  abstract storeMany(items: readonly ReportToStore[]): Promise<StoreOutcome[]>;

  async store(report: WireReport, coding: ReportCoded['data'], receivedFrom: KafkaCoordinates): Promise<StoreOutcome> {
    const [outcome] = await this.storeMany([{ report, coding, receivedFrom }]);
    return outcome;
  }
}
