import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { validateEnvironment } from '@app/config';
import { createKafka } from '@app/kafka';
import { Partitioners, type Message } from 'kafkajs';
import { CliError, usageError } from '../cli-error';

const BATCH_MESSAGES = 500;
const BATCH_BYTES = 900 * 1024;

/** Key of a line: its reportId when the line is a JSON object carrying one; the raw line goes as it is. */
export function messageForLine(line: string): Message {
  let key: string | null = null;
  try {
    const parsed = JSON.parse(line) as { reportId?: unknown };
    if (typeof parsed?.reportId === 'string') key = parsed.reportId;
  } catch {
    // Not JSON: published untouched; ingest dead-letters it with a reason.
  }
  return { key, value: line };
}

export function registerPublishCommand(program: Command): void {
  program
    .command('publish')
    .description('publish WireReport NDJSON to Kafka, with a progress bar')
    .argument('<file>', 'NDJSON file, one WireReport per line')
    .option('--topic <topic>', 'topic to publish to (default: WIRE_REPORTS_TOPIC or wire-reports.v1)')
    .action(async (file: string, options: { topic?: string }) => {
      if (!existsSync(file)) throw usageError(`no such file: ${file}`);
      const env = validateEnvironment(process.env);
      const topic = options.topic ?? env.WIRE_REPORTS_TOPIC;
      const sent = await publishFile(file, topic, env.KAFKA_BROKERS);
      process.stdout.write(`published ${sent.messages} reports (${formatBytes(sent.bytes)}) to ${topic}\n`);
    });
}

async function publishFile(file: string, topic: string, brokers: string[]): Promise<{ messages: number; bytes: number }> {
  const total = (await stat(file)).size;
  const producer = createKafka(brokers, 'wirewatch-cli').producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  const bar = new SingleBar(
    { format: 'publishing |{bar}| {percentage}% | {messages} reports | {eta_formatted} left', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  try {
    await producer.connect();
  } catch (error) {
    throw new CliError(`cannot reach Kafka at ${brokers.join(',')}: ${(error as Error).message} (try: wirewatch stack up)`);
  }
  bar.start(total, 0, { messages: 0 });
  let batch: Message[] = [];
  let batchBytes = 0;
  let messages = 0;
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await producer.send({ topic, acks: -1, messages: batch });
    messages += batch.length;
    bar.update(bytes, { messages });
    batch = [];
    batchBytes = 0;
  };
  try {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      bytes += Buffer.byteLength(line) + 1;
      if (line.trim() === '') continue;
      const size = Buffer.byteLength(line);
      // Large messages go alone: the broker's limit applies to everything one send puts on a partition.
      if (batch.length >= BATCH_MESSAGES || batchBytes + size > BATCH_BYTES) await flush();
      batch.push(messageForLine(line));
      batchBytes += size;
    }
    await flush();
    bar.update(total, { messages });
  } finally {
    bar.stop();
    await producer.disconnect();
  }
  return { messages, bytes };
}

const formatBytes = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
