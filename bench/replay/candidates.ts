import { get } from 'node:http';
import { Partitioners, type Kafka } from 'kafkajs';
import { BEGINNING, type PostgresEventStore, type ReadAllFilter } from '@app/event-store';
import { inBatches, replayMessage, toEventJson } from '@app/replay';
import { RssSampler, type MemoryProfile } from './rss-sampler';

export interface Figures {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  megabytes?: number;
  memory: MemoryProfile;
}

const figures = (events: number, started: bigint, memory: MemoryProfile, bytes?: number): Figures => {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events, seconds: round(seconds), eventsPerSecond: Math.round(events / seconds), ...(bytes ? { megabytes: round(bytes / 1024 / 1024) } : {}), memory };
};

/** Baseline: readAll pages serialized as the API would, in this process, no HTTP. */
export async function readAllPaging(store: PostgresEventStore, filter: ReadAllFilter = {}): Promise<Figures> {
  let events = 0;
  let bytes = 0;
  const sampler = new RssSampler(process.pid, () => events);
  const started = process.hrtime.bigint();
  for (let page = await store.readAll(BEGINNING, 1000, filter); ; page = await store.readAll(page.checkpoint, 1000, filter)) {
    for (const event of page.events) bytes += JSON.stringify(toEventJson(event)).length + 1;
    events += page.events.length;
    if (page.isEnd) break;
  }
  return figures(events, started, sampler.stop(), bytes);
}

/** GET /api/v1/events as NDJSON, read to the end by a plain node:http client counting lines; the api's RSS sampled. */
export async function ndjsonOverHttp(baseUrl: string, apiPid: number): Promise<Figures> {
  let events = 0;
  let bytes = 0;
  const sampler = new RssSampler(apiPid, () => events);
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const request = get(`${baseUrl}/api/v1/events`, { headers: { accept: 'application/x-ndjson' } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`NDJSON stream answered ${response.statusCode}`));
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) events += 1;
      });
      response.on('end', resolve);
      response.on('error', reject);
    });
    request.on('error', reject);
  });
  return figures(events, started, sampler.stop(), bytes);
}

/** POST /api/v1/replays and poll its progress until it succeeds; the api's RSS sampled. */
export async function replayViaApi(baseUrl: string, apiPid: number, topic: string, types: string[]): Promise<Figures> {
  let processed = 0;
  const sampler = new RssSampler(apiPid, () => processed);
  const started = process.hrtime.bigint();
  const accepted = await fetch(`${baseUrl}/api/v1/replays`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'topic', topic, types }) });
  if (accepted.status !== 202) throw new Error(`replay request answered ${accepted.status}: ${await accepted.text()}`);
  const { replayId } = (await accepted.json()) as { replayId: string };
  for (;;) {
    const progress = (await (await fetch(`${baseUrl}/api/v1/replays/${replayId}`)).json()) as { status: string; processed: number; error: string | null };
    processed = progress.processed;
    if (progress.status === 'succeeded') break;
    if (progress.status === 'failed') throw new Error(`replay failed: ${progress.error}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return figures(processed, started, sampler.stop());
}

/** Baseline: the same pages and messages sent by a bare idempotent producer, no progress kept, no HTTP. */
export async function bareProducer(store: PostgresEventStore, kafka: Kafka, topic: string, types: string[]): Promise<Figures> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  let events = 0;
  const sampler = new RssSampler(process.pid, () => events);
  const started = process.hrtime.bigint();
  try {
    for (let page = await store.readAll(BEGINNING, 1000, { types }); ; page = await store.readAll(page.checkpoint, 1000, { types })) {
      const messages = page.events.map((event) => replayMessage(event, 'bare'));
      for (const batch of inBatches(messages, (message) => message.value.length + message.key.length + 64)) {
        await producer.send({ topic, acks: -1, messages: batch });
        events += batch.length;
      }
      if (page.isEnd) break;
    }
  } finally {
    await producer.disconnect();
  }
  return figures(events, started, sampler.stop());
}

const round = (value: number): number => Math.round(value * 100) / 100;
