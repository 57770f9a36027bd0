import { isAfter, type Checkpoint, type PostgresEventStore, type StoredEvent } from '@app/event-store';
import { inBatches } from './batches';
import { toEventJson } from './event-json';
import type { ReplayRecord } from './replay-record';
import { toReadAllFilter } from './selection-sql';

export interface ReplayMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Where replayed events go: a topic with one partition, so Kafka keeps the order they are sent in. */
export interface ReplayTarget {
  ensureTopic(topic: string): Promise<void>;
  /** Resolves once the broker has acknowledged every message (acks = all). */
  send(topic: string, messages: ReplayMessage[]): Promise<void>;
}

export interface ProgressSink {
  saveProgress(replayId: string, sent: Checkpoint, processed: number): Promise<void>;
}

export interface RunOptions {
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (processed: number) => void;
}

export const replayMessage = (event: StoredEvent, replayId: string): ReplayMessage => ({
  key: event.streamId,
  value: JSON.stringify(toEventJson(event)),
  headers: { 'x-replay-id': replayId, 'x-event-type': event.type },
});

const checkpointOfEvent = (event: StoredEvent): Checkpoint => ({ transactionId: event.transactionId, position: event.globalPosition });

/**
 * Sends the replay's selection after its last acknowledged event, in global order, a batch at a time; after
 * each acknowledged batch it records how far it got. A crash resends at most the batch in flight.
 * Resolves 'finished' at the end of the selection, 'stopped' when the signal aborted it first.
 */
export async function runReplay(
  store: PostgresEventStore,
  target: ReplayTarget,
  progress: ProgressSink,
  replay: ReplayRecord,
  options: RunOptions = {},
): Promise<'finished' | 'stopped'> {
  const filter = toReadAllFilter(replay.selection);
  const pageSize = options.pageSize ?? 1000;
  const read = (after: Checkpoint) => {
    const reading = store.readAll(after, pageSize, filter);
    reading.catch(() => undefined); // an abandoned prefetch must not become an unhandled rejection
    return reading;
  };
  let processed = replay.processed;
  let next = isAfter(replay.end, replay.sent) ? read(replay.sent) : null;
  while (next) {
    if (options.signal?.aborted) return 'stopped';
    const page = await next;
    const selected = page.events.filter((event) => !isAfter(checkpointOfEvent(event), replay.end));
    // Read the next page while this one is on its way to Kafka.
    next = page.isEnd || selected.length < page.events.length ? null : read(page.checkpoint);
    const messages = selected.map((event) => ({ event, message: replayMessage(event, replay.replayId) }));
    for (const batch of inBatches(messages, ({ message }) => message.value.length + message.key.length + 64)) {
      await target.send(replay.topic, batch.map(({ message }) => message));
      processed += batch.length;
      await progress.saveProgress(replay.replayId, checkpointOfEvent(batch[batch.length - 1].event), processed);
      options.onProgress?.(processed);
    }
  }
  return 'finished';
}
