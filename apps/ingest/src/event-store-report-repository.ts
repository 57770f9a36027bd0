import { Inject, Injectable } from '@nestjs/common';
import { reportStreamId, type KafkaCoordinates, type ReportCoded, type WireReport } from '@app/contracts';
import { ConcurrencyError, PostgresEventStore } from '@app/event-store';
import { canonicalJson } from './canonical-json';
import { ReportRepository, type StoreOutcome } from './report-repository';

/**
 * Stores a report and its coding as the first two events of stream `report-<reportId>`, with the reportId as
 * idempotency key: a redelivered report is a no-op; the same id with other content is a conflicting duplicate.
 */
@Injectable()
export class EventStoreReportRepository extends ReportRepository {
  constructor(@Inject(PostgresEventStore) private readonly eventStore: PostgresEventStore) {
    super();
  }

  async store(report: WireReport, coding: ReportCoded['data'], receivedFrom: KafkaCoordinates): Promise<StoreOutcome> {
    const streamId = reportStreamId(report.reportId);
    const metadata = { correlationId: report.reportId, kafka: receivedFrom };
    try {
      const result = await this.eventStore.append(
        streamId,
        'no_stream',
        [
          { type: 'WireReportReceived', data: { report, receivedVia: receivedFrom }, metadata },
          { type: 'ReportCoded', data: coding, metadata },
        ],
        { idempotencyKey: `report:${report.reportId}` },
      );
      if (result.status === 'appended') return { outcome: 'stored' };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
    return this.compareWithStored(streamId, report);
  }

  private async compareWithStored(streamId: string, report: WireReport): Promise<StoreOutcome> {
    const events = await this.eventStore.readStream(streamId);
    const received = events.find((event) => event.type === 'WireReportReceived');
    const stored = (received?.data as { report?: WireReport } | undefined)?.report;
    if (stored && canonicalJson(stored) === canonicalJson(report)) return { outcome: 'duplicate' };
    return { outcome: 'conflicting_duplicate', storedAt: received?.recordedAt.toISOString() ?? 'an earlier time' };
  }
}
