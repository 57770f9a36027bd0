import { isAfter, PostgresEventStore, type Checkpoint, type ReadAllFilter, type StoredEvent } from '@app/event-store';

/** Rows read per query when streaming a whole selection: big enough to be fast, small enough to keep memory flat. */
export const STREAM_PAGE_SIZE = 1000;

const checkpointOf = (event: StoredEvent): Checkpoint => ({ transactionId: event.transactionId, position: event.globalPosition });

/**
 * The pages of a selection from `after` up to the head as it was when reading began, so a stream ends even
 * while events keep arriving. The next page is read while the caller writes the current one; no more than
 * those two are held in memory.
 */
export async function* pagesUpToHead(
  store: PostgresEventStore,
  after: Checkpoint,
  filter: ReadAllFilter,
  pageSize = STREAM_PAGE_SIZE,
): AsyncGenerator<StoredEvent[]> {
  const head = await store.visibleHeadCheckpoint();
  const read = (from: Checkpoint) => {
    const reading = store.readAll(from, pageSize, filter);
    reading.catch(() => undefined); // a reader that stops early abandons its prefetch
    return reading;
  };
  let next = isAfter(head, after) ? read(after) : null;
  while (next) {
    const page = await next;
    const events = page.events.filter((event) => !isAfter(checkpointOf(event), head));
    next = page.isEnd || events.length < page.events.length ? null : read(page.checkpoint);
    if (events.length > 0) yield events;
  }
}
