import { Controller, Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { KafkaMessage } from 'kafkajs';
import { DeadLetterPublisher } from '@app/kafka';
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
 * Kafka edge of ingest. A fetched batch is stored chunk by chunk, one transaction each; every message ends in
 * the event store or the dead-letter topic before its offset is committed. The handler never throws: a throw
 * would re-deliver forever and block the partition. Transient failures are retried in place, heartbeating.
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
  async onWireReports(@Payload() { payload, commitThrough }: KafkaBatch): Promise<void> {
    const { batch, heartbeat, isRunning, isStale } = payload;
    for (const chunk of chunksOf(batch.messages, CHUNK_MESSAGES, CHUNK_BYTES)) {
      if (!isRunning() || isStale()) return;
      const incoming = chunk.map((message) => toIncoming(message, batch.topic, batch.partition));
      await this.untilDone(heartbeat, () => this.handleChunk(incoming));
      await commitThrough(chunk[chunk.length - 1].offset);
      await heartbeat();
    }
  }

  private async handleChunk(messages: IncomingMessage[]): Promise<void> {
    const results = await this.ingestor.ingestBatch(messages).catch(async (error: unknown) => {
      if (!isUnstorable(error)) throw error;
      // One message spoils the chunk's transaction: store one at a time to find it.
      const single: IngestResult[] = [];
      for (const message of messages) single.push(await this.ingestOneOrRefuse(message));
      return single;
    });
    for (const [index, result] of results.entries()) {
      const message = messages[index];
      if (result.outcome === 'rejected') {
        await this.deadLetters.publish({
          key: message.key,
          value: message.value,
          originalTopic: message.coordinates.topic,
          originalPartition: message.coordinates.partition,
          originalOffset: message.coordinates.offset,
          errorCode: result.code,
          errorMessage: result.message,
        });
        this.metrics.rejects.inc({ reason: result.code });
        this.logger.warn({ msg: 'report dead-lettered', correlation: correlationOf(message), reason: result.code, detail: result.message });
      }
      this.metrics.reports.inc({ outcome: result.outcome });
    }
  }

  private async ingestOneOrRefuse(message: IncomingMessage): Promise<IngestResult> {
    try {
      return await this.ingestor.ingest(message);
    } catch (error) {
      if (!isUnstorable(error)) throw error;
      return { outcome: 'rejected', code: 'unstorable', message: `the database refused the report: ${(error as Error).message}` };
    }
  }

  /** Retries transient failures with backoff, keeping the group session alive, until the effect is durable. */
  private async untilDone(heartbeat: () => Promise<void>, effect: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await effect();
      } catch (error) {
        this.metrics.retries.inc();
        const delay = Math.min(RETRY_CEILING_MS, 200 * 2 ** attempt);
        this.logger.warn({ msg: 'transient failure, retrying', attempt, delayMs: delay, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, delay));
        await heartbeat().catch(() => undefined);
      }
    }
  }
}

function toIncoming(message: KafkaMessage, topic: string, partition: number): IncomingMessage {
  return { key: message.key ?? null, value: message.value ?? null, coordinates: { topic, partition, offset: message.offset } };
}

const correlationOf = (message: IncomingMessage): string =>
  `${message.coordinates.topic}/${message.coordinates.partition}/${message.coordinates.offset}`;
