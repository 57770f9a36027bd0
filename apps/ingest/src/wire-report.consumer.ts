import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { DeadLetterPublisher } from '@app/kafka';
import { IngestMetrics } from './ingest-metrics';
import { ReportIngestor, type IngestResult } from './report-ingestor';
import { wireReportsTopic } from './ingest-topics';

const RETRY_CEILING_MS = 15_000;

/**
 * PostgreSQL data exceptions (class 22) and integrity violations (23) will fail again on every retry: the
 * message itself cannot be stored, so it is dead-lettered instead of blocking its partition.
 */
function asUnstorable(error: unknown): IngestResult {
  const sqlState = (error as { code?: unknown })?.code;
  if (typeof sqlState === 'string' && /^2[23]/.test(sqlState)) {
    return { outcome: 'rejected', code: 'unstorable', message: `the database refused the report: ${(error as Error).message}` };
  }
  throw error;
}

/**
 * Kafka edge of ingest. Every message ends in one of three durable places — the event store, the dead-letter
 * topic, or (on a transient failure) nowhere yet, retried in place — and only then is its offset committed.
 * A handler never throws: a throw would make the transport re-deliver forever and block the partition.
 */
@Controller()
export class WireReportConsumer {
  private readonly logger = new Logger(WireReportConsumer.name);

  constructor(
    private readonly ingestor: ReportIngestor,
    @Inject(DeadLetterPublisher) private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: IngestMetrics,
  ) {}

  @EventPattern(wireReportsTopic())
  async onWireReport(@Payload() _value: unknown, @Ctx() context: KafkaContext): Promise<void> {
    const message = context.getMessage();
    const coordinates = { topic: context.getTopic(), partition: context.getPartition(), offset: message.offset };
    const value = message.value === null ? null : Buffer.isBuffer(message.value) ? message.value : Buffer.from(String(message.value));
    const key = (message.key ?? null) as Buffer | string | null;

    await this.untilDone(context, async () => {
      const result = await this.ingestor.ingest({ key, value, coordinates }).catch(asUnstorable);
      if (result.outcome === 'rejected') {
        await this.deadLetters.publish({
          key,
          value,
          originalTopic: coordinates.topic,
          originalPartition: coordinates.partition,
          originalOffset: coordinates.offset,
          errorCode: result.code,
          errorMessage: result.message,
        });
        this.metrics.rejects.inc({ reason: result.code });
      }
      this.metrics.reports.inc({ outcome: result.outcome });
      this.log(result, coordinates);
    });

    await context.getConsumer().commitOffsets([
      { topic: coordinates.topic, partition: coordinates.partition, offset: (BigInt(message.offset) + 1n).toString() },
    ]);
  }

  /** Retries transient failures with backoff, keeping the group session alive, until the effect is durable. */
  private async untilDone(context: KafkaContext, effect: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await effect();
      } catch (error) {
        this.metrics.retries.inc();
        const delay = Math.min(RETRY_CEILING_MS, 200 * 2 ** attempt);
        this.logger.warn({ msg: 'transient failure, retrying', attempt, delayMs: delay, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, delay));
        await context.getHeartbeat()().catch(() => undefined);
      }
    }
  }

  private log(result: IngestResult, coordinates: { topic: string; partition: number; offset: string }): void {
    const correlation = `${coordinates.topic}/${coordinates.partition}/${coordinates.offset}`;
    if (result.outcome === 'rejected') {
      this.logger.warn({ msg: 'report dead-lettered', correlation, reason: result.code, detail: result.message });
    } else {
      this.logger.debug?.({ msg: `report ${result.outcome}`, correlation, reportId: result.reportId, codedEvents: result.codedEvents });
    }
  }
}
