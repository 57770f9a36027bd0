import { Inject, Injectable } from '@nestjs/common';
import { reportStreamId, type WireReport } from '@app/contracts';
import { PostgresEventStore, type StreamAppend } from '@app/event-store';
import { canonicalJson } from './canonical-json';
import { ReportRepository, type ReportToStore, type StoreOutcome } from './report-repository';

export const reportIdempotencyKey = (reportId: string): string => `report:${reportId}`;

/**
 * Stores each report and its coding as the first two events of stream `report-<reportId>`, a whole batch in
 * one multi-stream append, with the reportId as idempotency key: a redelivered report is a no-op; the same id
 * with other content is a conflicting duplicate.
 */
@Injectable()
export class EventStoreReportRepository extends ReportRepository {
  constructor(@Inject(PostgresEventStore) private readonly eventStore: PostgresEventStore) {
    super();
  }

  async storeMany(items: readonly ReportToStore[]): Promise<StoreOutcome[]> {
    const results = await this.eventStore.appendMany(items.map(toAppend));
    const outcomes: (StoreOutcome | undefined)[] = results.map((result) => (result.status === 'appended' ? { outcome: 'stored' } : undefined));
    const unsettled = items.filter((_, index) => outcomes[index] === undefined);
    if (unsettled.length === 0) return outcomes as StoreOutcome[];

    const stored = await this.eventStore.readIdempotent(unsettled.map((item) => reportIdempotencyKey(item.report.reportId)));
    return items.map((item, index) => {
      const settled = outcomes[index];
      if (settled) return settled;
      const received = stored.get(reportIdempotencyKey(item.report.reportId))?.events.find((event) => event.type === 'WireReportReceived');
      const storedReport = (received?.data as { report?: WireReport } | undefined)?.report;
      if (storedReport && canonicalJson(storedReport) === canonicalJson(item.report)) return { outcome: 'duplicate' };
      return { outcome: 'conflicting_duplicate', storedAt: received?.recordedAt.toISOString() ?? 'an earlier time' };
    });
  }
}

function toAppend({ report, coding, receivedFrom }: ReportToStore): StreamAppend {
  const metadata = { correlationId: report.reportId, kafka: receivedFrom };
  return {
    streamId: reportStreamId(report.reportId),
    expected: 'no_stream',
    idempotencyKey: reportIdempotencyKey(report.reportId),
    events: [
      { type: 'WireReportReceived', data: { report, receivedVia: receivedFrom }, metadata },
      { type: 'ReportCoded', data: coding, metadata },
    ],
  };
}
