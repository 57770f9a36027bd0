import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { KafkaMessage } from 'kafkajs';
import type { DeadLetter } from '@app/kafka';
import type { KafkaBatch } from './batching-kafka-server';
import { IngestMetrics } from './ingest-metrics';
import { chunksOf } from './message-chunks';
import { ReportIngestor, type IncomingMessage, type IngestResult } from './report-ingestor';
import { wireReportsTopic } from './ingest-topics';

const CHUNK_MESSAGES = 500;
const CHUNK_BYTES = 8 * 1024 * 1024;
const RETRY_CEILING_MS = 15_000;

/**
 * PostgreSQL data exceptions (class 22) and integrity violations (23) fail again on every retry: such a
 * message cannot be stored, so it is dead-lettered instead of blocking its partition.
 */
function isUnstorable(error: unknown): boolean {
  const sqlState = (error as { code?: unknown })?.code;
  return typeof sqlState === 'string' && /^2[23]/.test(sqlState);
}

/**
 * Kafka edge of ingest. A fetched batch is stored chunk by chunk, one database transaction each; then the
 * chunk's dead letters and its offset commit go out in one Kafka transaction. Every message thus ends in the
 * event store or (exactly once) in the dead-letter topic before its offset is committed. The handler never throws: a throw
 * would re-deliver forever and block the partition. Transient failures are retried in place, heartbeating.
 */
@Controller()
export class WireReportConsumer {
  private readonly logger = new Logger(WireReportConsumer.name);

  constructor(
    private readonly ingestor: ReportIngestor,
    private readonly metrics: IngestMetrics,
  ) {}

  @EventPattern(wireReportsTopic())
  async onWireReports(@Payload() { payload, commitThrough }: KafkaBatch): Promise<void> {
    const { batch, heartbeat, isRunning, isStale } = payload;
    for (const chunk of chunksOf(batch.messages, CHUNK_MESSAGES, CHUNK_BYTES)) {
      if (!isRunning() || isStale()) return;
      const incoming = chunk.map((message) => toIncoming(message, batch.topic, batch.partition));
      const last = chunk[chunk.length - 1].offset;
      const stillOurs = () => isRunning() && !isStale();
      const results = await this.untilDone(heartbeat, stillOurs, async () => {
        const handled = await this.handleChunk(incoming);
        await commitThrough(last, deadLettersOf(incoming, handled));
        return handled;
      });
      // The partition moved to another instance (or we are stopping): it resumes from the last commit.
      if (results === null) return;
      this.count(incoming, results);
      await heartbeat();
    }
  }

  /** Stores the chunk's reports in one transaction; answers per message. */
  private async handleChunk(messages: IncomingMessage[]): Promise<IngestResult[]> {
    return this.ingestor.ingestBatch(messages).catch(async (error: unknown) => {
      if (!isUnstorable(error)) throw error;
      // One message spoils the chunk's transaction: store one at a time to find it.
      const single: IngestResult[] = [];
      for (const message of messages) single.push(await this.ingestOneOrRefuse(message));
      return single;
    });
  }

  private count(messages: IncomingMessage[], results: IngestResult[]): void {
    results.forEach((result, index) => {
      this.metrics.reports.inc({ outcome: result.outcome });
      if (result.outcome !== 'rejected') return;
      this.metrics.rejects.inc({ reason: result.code });
      this.logger.warn({ msg: 'report dead-lettered', correlation: correlationOf(messages[index]), reason: result.code, detail: result.message });
    });
  }

  private async ingestOneOrRefuse(message: IncomingMessage): Promise<IngestResult> {
    try {
      return await this.ingestor.ingest(message);
    } catch (error) {
      if (!isUnstorable(error)) throw error;
      return { outcome: 'rejected', code: 'unstorable', message: `the database refused the report: ${(error as Error).message}` };
    }
  }

  /**
   * Retries transient failures with backoff, keeping the group session alive, until the effect is durable —
   * or answers null once the batch is no longer ours to finish.
   */
  private async untilDone<T>(heartbeat: () => Promise<void>, stillOurs: () => boolean, effect: () => Promise<T>): Promise<T | null> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await effect();
      } catch (error) {
        if (!stillOurs()) return null;
        this.metrics.retries.inc();
        const delay = Math.min(RETRY_CEILING_MS, 200 * 2 ** attempt);
        this.logger.warn({ msg: 'transient failure, retrying', attempt, delayMs: delay, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, delay));
        await heartbeat().catch(() => undefined);
      }
    }
  }
}

function deadLettersOf(messages: IncomingMessage[], results: IngestResult[]): DeadLetter[] {
  return results.flatMap((result, index) => {
    if (result.outcome !== 'rejected') return [];
    const { key, value, coordinates } = messages[index];
    return [{ key, value, originalTopic: coordinates.topic, originalPartition: coordinates.partition, originalOffset: coordinates.offset, errorCode: result.code, errorMessage: result.message }];
  });
}

function toIncoming(message: KafkaMessage, topic: string, partition: number): IncomingMessage {
  return { key: message.key ?? null, value: message.value ?? null, coordinates: { topic, partition, offset: message.offset } };
}

const correlationOf = (message: IncomingMessage): string =>
  `${message.coordinates.topic}/${message.coordinates.partition}/${message.coordinates.offset}`;
