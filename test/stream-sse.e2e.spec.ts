import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, eventually, freePort, startApp, waitForHttp, type AppProcess, type TestDatabase } from '@app/testing';
import { daysAgo, recordCodings, scriptedCrisis, type ScriptedReport } from '../libs/alert-relay/src/testing/scripted-crisis';

// SPEC §5 GET /api/v1/stream against the real api and projector: changes as they happen, heartbeats, a viewer
// key, and a reconnection with Last-Event-ID that misses nothing.
interface SseFrame {
  id: string | null;
  event: string;
  data: any;
}

/** A fetch-based reader (like the dashboard's): frames and comment lines as they arrive. */
class SseReader {
  readonly frames: SseFrame[] = [];
  readonly comments: string[] = [];
  status = 0;
  contentType = '';
  private readonly controller = new AbortController();
  private done: Promise<void> = Promise.resolve();

  static async open(url: string, headers: Record<string, string>): Promise<SseReader> {
    const reader = new SseReader();
    const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: reader.controller.signal });
    reader.status = response.status;
    reader.contentType = response.headers.get('content-type') ?? '';
    if (response.ok && response.body) reader.done = reader.read(response.body);
    return reader;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    let frame: { id: string | null; event: string; data: string[] } = { id: null, event: 'message', data: [] };
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (line === '') {
            if (frame.data.length > 0) this.frames.push({ id: frame.id, event: frame.event, data: JSON.parse(frame.data.join('\n')) });
            frame = { id: null, event: 'message', data: [] };
          } else if (line.startsWith(':')) this.comments.push(line);
          else if (line.startsWith('id: ')) frame.id = line.slice(4);
          else if (line.startsWith('event: ')) frame.event = line.slice(7);
          else if (line.startsWith('data: ')) frame.data.push(line.slice(6));
        }
      }
    } catch {
      // aborted
    }
  }

  get lastId(): string | null {
    return [...this.frames].reverse().find((frame) => frame.id)?.id ?? null;
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}

describe('GET /api/v1/stream', () => {
  const viewerKey = `viewer-${randomBytes(8).toString('hex')}`;
  let database: TestDatabase;
  let pool: Pool;
  let projector: AppProcess;
  let api: AppProcess;
  let streamUrl: string;
  const readers: SseReader[] = [];
  const open = async (headers: Record<string, string> = {}) => {
    const reader = await SseReader.open(streamUrl, { Authorization: `Bearer ${viewerKey}`, ...headers });
    readers.push(reader);
    return reader;
  };

  beforeAll(async () => {
    database = await createTestDatabase('ww_e2e_stream');
    pool = new Pool({ connectionString: database.url, max: 4 });
    const port = await freePort();
    const env = { DATABASE_URL: database.url, PORT: String(port), WIREWATCH_API_KEYS: `${viewerKey}:viewer`, STREAM_HEARTBEAT_MS: '500' };
    api = startApp('api', env);
    await waitForHttp(`http://127.0.0.1:${port}/health`, 90_000, api);
    projector = startApp('projector', env);
    streamUrl = `http://127.0.0.1:${port}/api/v1/stream`;
  });

  afterAll(async () => {
    await Promise.allSettled(readers.map((reader) => reader.close()));
    await Promise.allSettled([projector?.stop(), api?.stop()]);
    await pool?.end();
    await database?.drop();
  });

  it('needs a viewer key', async () => {
    const anonymous = await SseReader.open(streamUrl, {});
    expect(anonymous.status).toBe(401);
  });

  it('pushes dyad and mediation-offer changes as they happen, with ids and heartbeats', async () => {
    const reader = await open();
    expect(reader.status).toBe(200);
    expect(reader.contentType).toMatch(/^text\/event-stream/);
    const [threat, strike, , offer] = scriptedCrisis('live');

    const started = Date.now();
    await recordCodings(pool, [threat]);
    await eventually(async () => {
      if (!reader.frames.some((frame) => frame.event === 'dyad' && frame.data.level === 2)) throw new Error('no dyad change yet');
    }, 60_000);
    const firstChangeMs = Date.now() - started;
    await recordCodings(pool, [strike, offer]);
    await eventually(async () => {
      if (!reader.frames.some((frame) => frame.event === 'mediation-offer')) throw new Error('no offer change yet');
      if (!reader.frames.some((frame) => frame.event === 'dyad' && frame.data.level === 3)) throw new Error('no level 3 yet');
    }, 60_000);

    const dyads = reader.frames.filter((frame) => frame.event === 'dyad');
    expect(dyads[0].data).toMatchObject({ dyad: 'IRN-PAK', actors: ['IRN', 'PAK'], level: 2, levelName: 'COERCIVE_THREATS' });
    const offers = reader.frames.filter((frame) => frame.event === 'mediation-offer');
    expect(offers.at(-1)!.data).toMatchObject({ offerId: 'CHN:IRN-PAK', mediator: 'CHN', parties: ['IRN', 'PAK'], status: 'OFFERED' });
    // Ids increase: <boot>-<seq>.
    const seqs = reader.frames.map((frame) => Number(frame.id!.split('-')[1]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);

    await eventually(async () => {
      if (reader.comments.filter((line) => line.startsWith(': heartbeat')).length < 2) throw new Error('no heartbeats yet');
    }, 10_000);
    process.stdout.write(`[stream] first change on the stream ${firstChangeMs} ms after the coding was recorded\n`);
  });

  it('a client that reconnects with Last-Event-ID receives exactly what it missed, in order', async () => {
    const watcher = await open(); // stays connected throughout: the reference
    const reader = await open();
    const marker: ScriptedReport = { reportId: 'reconnect-marker', events: [{ category: 'ACCUSATION', source: 'IND', target: 'PAK', occurredOn: daysAgo(1) }] };
    const recorded = Date.now();
    await recordCodings(pool, [marker]);
    await eventually(async () => {
      if (!reader.frames.some((frame) => frame.data.dyad === 'IND-PAK')) throw new Error('marker not seen');
    }, 30_000, 10);
    process.stdout.write(`[stream] a change reached a connected client ${Date.now() - recorded} ms after the coding was recorded\n`);
    const lastSeen = reader.lastId!;
    const seenBefore = watcher.frames.length;
    await reader.close();

    // While it is away: three changes on other dyads.
    const missed: ScriptedReport[] = ['AFG', 'IRQ', 'TUR'].map((actor, index) => ({
      reportId: `missed-${index}`,
      events: [{ category: 'THREAT', source: actor, target: 'IRN', occurredOn: daysAgo(1) }],
    }));
    for (const report of missed) await recordCodings(pool, [report]);
    await eventually(async () => {
      if (watcher.frames.length < seenBefore + 3) throw new Error('changes not streamed yet');
    }, 30_000);

    const resumed = await open({ 'Last-Event-ID': lastSeen });
    const expected = watcher.frames.slice(watcher.frames.findIndex((frame) => frame.id === lastSeen) + 1);
    await eventually(async () => {
      if (resumed.frames.length < expected.length) throw new Error(`resumed has ${resumed.frames.length}/${expected.length}`);
    }, 10_000);
    expect(resumed.frames.slice(0, expected.length)).toEqual(expected);
    expect(expected.map((frame) => frame.data.dyad)).toEqual(['AFG-IRN', 'IRN-IRQ', 'IRN-TUR']);

    // An id this process never handed out (another replica, before a restart): a reset, then live changes.
    const stranger = await open({ 'Last-Event-ID': 'deadbeef-12' });
    await eventually(async () => {
      if (!stranger.frames.some((frame) => frame.event === 'reset')) throw new Error('no reset');
    }, 10_000);
  });

  it('ends open streams when the api stops, so that it exits cleanly on SIGTERM', async () => {
    const reader = await open();
    expect(reader.status).toBe(200);
    const started = Date.now();
    await api.stop('SIGTERM');
    expect(api.exitCode).toBe(0);
    process.stdout.write(`[stream] api with ${readers.length} streams opened stopped in ${Date.now() - started} ms\n`);
  });
});
