import { Pool } from 'pg';
import { PostgresEventStore } from '@app/event-store';
import { createTestDatabase, freePort, startApp, waitForHttp, type AppProcess, type TestDatabase } from '@app/testing';
import { allVisible } from '../libs/replay/src/testing/all-visible';

// GET /api/v1/events against the real api process: every filter, every cursor edge, NDJSON streaming.
interface EventJson {
  type: string;
  streamId: string;
  eventId: string;
  globalPosition: string;
  transactionId: string;
  recordedAt: string;
  data: unknown;
}
interface Page {
  items: EventJson[];
  next: string;
  hasMore: boolean;
}

describe('GET /api/v1/events', () => {
  let database: TestDatabase;
  let api: AppProcess;
  let base: string;
  let pool: Pool;
  let store: PostgresEventStore;
  let all: EventJson[];
  let secondGroupFrom: string;

  const getPage = async (query: string): Promise<Page> => {
    const response = await fetch(`${base}/api/v1/events?${query}`);
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    return (await response.json()) as Page;
  };

  /** Follows `next` until a page says nothing more is waiting. */
  async function pageThrough(query: string, limit: number): Promise<{ events: EventJson[]; pages: Page[] }> {
    const pages: Page[] = [await getPage(`${query}&limit=${limit}`)];
    while (pages[pages.length - 1].hasMore) pages.push(await getPage(`${query}&limit=${limit}&after=${pages[pages.length - 1].next}`));
    return { events: pages.flatMap((page) => page.items), pages };
  }

  const append = (streamId: string, types: string[]) =>
    store.append(streamId, 'any', types.map((type, index) => ({ type, data: { streamId, index } })));

  beforeAll(async () => {
    database = await createTestDatabase('ww_e2e_events');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = startApp('api', { DATABASE_URL: database.url, PORT: String(port) });
    await waitForHttp(`${base}/health`, 90_000, api);
    pool = new Pool({ connectionString: database.url });
    pool.on('error', () => undefined); // an idle connection cut by the server is replaced on the next query
    store = new PostgresEventStore(pool, { notify: false });

    await append('report-a', ['WireReportReceived', 'ReportCoded']);
    await append('report-b', ['WireReportReceived', 'ReportCoded']);
    await append('other-1', ['Other', 'Other', 'Other']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const marker = await append('report-c', ['WireReportReceived']);
    await append('report-a', ['ReportCoded']);
    await append('reportage-1', ['Other']);
    for (let index = 0; index < 25; index += 1) await append(`bulk-${index % 3}`, ['Bulk']);
    await allVisible(store);
    all = (await pageThrough('', 1000)).events;
    secondGroupFrom = all.find((event) => BigInt(event.globalPosition) === marker.firstPosition)!.recordedAt;
  });

  afterAll(async () => {
    await api?.stop();
    await pool?.end();
    await database?.drop();
  });

  const expectSelection = async (query: string, keep: (event: EventJson) => boolean) => {
    const expected = all.filter(keep);
    expect(expected.length).toBeGreaterThan(0);
    expect((await pageThrough(query, 4)).events.map((event) => event.eventId)).toEqual(expected.map((event) => event.eventId));
  };

  it('gives the whole history in global order, with positions as strings', async () => {
    expect(all).toHaveLength(35);
    const order = all.map((event) => [BigInt(event.transactionId), BigInt(event.globalPosition)] as const);
    for (let index = 1; index < order.length; index += 1) {
      const [tx, pos] = order[index];
      const [prevTx, prevPos] = order[index - 1];
      expect(tx > prevTx || (tx === prevTx && pos > prevPos)).toBe(true);
    }
    expect(all[4]).toMatchObject({ type: 'Other', streamId: 'other-1', data: { streamId: 'other-1', index: 0 } });
  });

  it('pages with limit and cursor: nothing skipped, nothing repeated, the last page says so', async () => {
    const { events, pages } = await pageThrough('', 6);
    expect(events.map((event) => event.eventId)).toEqual(all.map((event) => event.eventId));
    expect(pages.map((page) => page.items.length)).toEqual([6, 6, 6, 6, 6, 5]);
    expect(pages.slice(0, -1).every((page) => page.hasMore)).toBe(true);
    const afterLast = await getPage(`limit=6&after=${pages[pages.length - 1].next}`);
    expect(afterLast).toEqual({ items: [], next: pages[pages.length - 1].next, hasMore: false });
  });

  it('answers a full last page, then an empty one', async () => {
    const { pages } = await pageThrough('', 7);
    expect(pages.map((page) => page.items.length)).toEqual([7, 7, 7, 7, 7, 0]);
  });

  it('defaults to 100 per page and allows 1000', async () => {
    expect((await getPage('')).items).toHaveLength(35);
    expect((await getPage('limit=1000')).items).toHaveLength(35);
  });

  it('answers an empty selection with no items and a cursor to poll from', async () => {
    const page = await getPage('types=NeverStored');
    expect(page.items).toEqual([]);
    expect(page.hasMore).toBe(false);
    expect(await getPage(`types=NeverStored&after=${page.next}`)).toMatchObject({ items: [], hasMore: false });
  });

  it('filters by types', () => expectSelection('types=ReportCoded,Other', (event) => ['ReportCoded', 'Other'].includes(event.type)));
  it('filters by one stream', () => expectSelection('stream=report-a', (event) => event.streamId === 'report-a'));
  it('filters by a stream prefix', () => expectSelection('stream=report-*', (event) => event.streamId.startsWith('report-')));
  it('filters by from (inclusive)', () => expectSelection(`from=${secondGroupFrom}`, (event) => event.recordedAt >= secondGroupFrom));
  it('filters by until (exclusive)', () => expectSelection(`until=${secondGroupFrom}`, (event) => event.recordedAt < secondGroupFrom));
  it('combines filters', () =>
    expectSelection(`types=ReportCoded&stream=report-*&from=${secondGroupFrom}`, (event) => event.type === 'ReportCoded' && event.streamId.startsWith('report-') && event.recordedAt >= secondGroupFrom));

  it.each([
    ['after=not-a-cursor', 'after'],
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=ten', 'limit'],
    ['types=bad%20type', 'types'],
    ['stream=a%20b', 'stream'],
    ['from=yesterday', 'from'],
    ['until=2024-13-01T00:00:00Z', 'until'],
  ])('answers 400 problem+json naming the field for %s', async (query, field) => {
    const response = await fetch(`${base}/api/v1/events?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 400, 'invalid-params': [expect.objectContaining({ name: field })] });
  });

  it('misses nothing and repeats nothing while events are appended during paging, a transaction held open included', async () => {
    const before = all.length;
    const seen: EventJson[] = [];
    let cursor = (await getPage('limit=1000')).next;
    const slow = await pool.connect();
    await slow.query('BEGIN');
    await store.appendMany([{ streamId: 'slow-1', expected: 'any', events: [{ type: 'Slow', data: {} }] }], slow);
    const writers = Promise.all(
      Array.from({ length: 4 }, async (_, writer) => {
        for (let index = 0; index < 60; index += 1) await append(`concurrent-${writer}`, ['Concurrent']);
      }),
    );
    let writing = true;
    void writers.then(() => (writing = false));
    let committed = false;
    while (writing || !committed || seen.length < 241) {
      const page = await getPage(`limit=13&after=${cursor}`);
      seen.push(...page.items);
      cursor = page.next;
      if (!writing && !committed) {
        await slow.query('COMMIT');
        slow.release();
        committed = true;
      }
      if (!page.hasMore) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ids = seen.map((event) => event.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(241);
    const everything = (await pageThrough('', 1000)).events;
    expect(everything).toHaveLength(before + 241);
    expect(ids).toEqual(everything.slice(before).map((event) => event.eventId));
  });

  describe('as NDJSON', () => {
    const ndjson = async (query: string) => {
      const response = await fetch(`${base}/api/v1/events?${query}`, { headers: { accept: 'application/x-ndjson' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/x-ndjson');
      const text = await response.text();
      return text === '' ? [] : text.trimEnd().split('\n').map((line) => JSON.parse(line) as EventJson);
    };

    it('streams the whole selection, one event per line, whatever the limit', async () => {
      const everything = (await pageThrough('', 1000)).events;
      expect((await ndjson('limit=3')).map((event) => event.eventId)).toEqual(everything.map((event) => event.eventId));
    });

    it('streams a filtered selection from a cursor on', async () => {
      const first = await getPage('types=ReportCoded,WireReportReceived&limit=2');
      const rest = await pageThrough(`types=ReportCoded,WireReportReceived&after=${first.next}`, 1000);
      expect((await ndjson(`types=ReportCoded,WireReportReceived&after=${first.next}`)).map((event) => event.eventId)).toEqual(
        rest.events.map((event) => event.eventId),
      );
    });

    it('streams an empty selection as an empty body', async () => {
      expect(await ndjson('types=NeverStored')).toEqual([]);
    });

    it('answers bad parameters with a problem, not a stream', async () => {
      const response = await fetch(`${base}/api/v1/events?limit=0`, { headers: { accept: 'application/x-ndjson' } });
      expect(response.status).toBe(400);
    });
  });
});

