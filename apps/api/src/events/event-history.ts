import { checkpointsEqual, isAfter, PostgresEventStore, type Checkpoint, type ReadAllFilter, type StoredEvent } from '@app/event-store';

/** Rows read per query when streaming a whole selection: big enough to be fast, small enough to keep memory flat. */
export const STREAM_PAGE_SIZE = 1000;

/**
 * The pages of a selection from `after` up to the head as it was when reading began, so a stream ends even
 * while events keep arriving. One page is held in memory at a time.
 */
export async function* pagesUpToHead(
  store: PostgresEventStore,
  after: Checkpoint,
  filter: ReadAllFilter,
  pageSize = STREAM_PAGE_SIZE,
): AsyncGenerator<StoredEvent[]> {
  const head = await store.headCheckpoint();
  let position = after;
  while (isAfter(head, position)) {
    const page = await store.readAll(position, pageSize, filter);
    const events = page.events.filter((event) => !isAfter({ transactionId: event.transactionId, position: event.globalPosition }, head));
    if (events.length > 0) yield events;
    if (page.isEnd || events.length < page.events.length || checkpointsEqual(page.checkpoint, position)) return;
    position = page.checkpoint;
  }
}
