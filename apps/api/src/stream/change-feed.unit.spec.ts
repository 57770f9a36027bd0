import type { Pool } from 'pg';
import { ReadModelChangeFeed, type StreamMessage } from './change-feed';

// The replay buffer alone: messages are pushed through the feed's private publish (no database needed).
function feedWith(count: number, capacity: number): ReadModelChangeFeed {
  const feed = new ReadModelChangeFeed({} as Pool, capacity);
  const publish = (feed as unknown as { publish: (event: StreamMessage['event'], data: unknown) => void }).publish.bind(feed);
  for (let n = 1; n <= count; n += 1) publish('dyad', { n });
  return feed;
}

describe('Last-Event-ID replay', () => {
  it('replays what came after the id, in order', () => {
    const feed = feedWith(10, 100);
    const replay = feed.since(`${feed.bootId}-7`);
    expect(replay.kind === 'replay' && replay.messages.map((message) => message.seq)).toEqual([8, 9, 10]);
    expect(feed.since(`${feed.bootId}-10`)).toEqual({ kind: 'replay', messages: [] });
  });

  it('cannot replay ids of another boot, ids never handed out, or a gap older than the buffer', () => {
    const feed = feedWith(10, 4); // holds 7..10
    expect(feed.since('0badc0de-7')).toEqual({ kind: 'unknown' });
    expect(feed.since(`${feed.bootId}-11`)).toEqual({ kind: 'unknown' });
    expect(feed.since(`${feed.bootId}-5`)).toEqual({ kind: 'unknown' });
    expect(feed.since('not an id')).toEqual({ kind: 'unknown' });
    const replay = feed.since(`${feed.bootId}-6`);
    expect(replay.kind === 'replay' && replay.messages.map((message) => message.seq)).toEqual([7, 8, 9, 10]);
  });

  it('sends each new message to every subscriber until it unsubscribes', () => {
    const feed = feedWith(0, 10);
    const seen: string[] = [];
    const unsubscribe = feed.subscribe((message) => seen.push(message.id));
    const publish = (feed as unknown as { publish: (event: StreamMessage['event'], data: unknown) => void }).publish.bind(feed);
    publish('dyad', {});
    unsubscribe();
    publish('dyad', {});
    expect(seen).toEqual([`${feed.bootId}-1`]);
  });
});
