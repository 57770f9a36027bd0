import { authHeaders, handleUnauthorized } from './api';

export type StreamStatus = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized';

export interface StreamMessage {
  event: string;
  data: string;
  id: string | null;
}

/**
 * Splits a text/event-stream into messages (WHATWG HTML "server-sent events" parsing): lines end in CRLF, LF or
 * CR; a blank line dispatches; `:` lines are comments; a message with no data is not dispatched.
 */
export class EventStreamParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | null = null;
  lastEventId: string | null = null;
  retryMs: number | null = null;

  constructor(private readonly onMessage: (message: StreamMessage) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) return;
      // A lone CR at the very end may be the first half of CRLF: wait for more.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) return;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
  }

  private dispatch(): void {
    if (this.id !== null) this.lastEventId = this.id;
    if (this.data.length > 0) this.onMessage({ event: this.event || 'message', data: this.data.join('\n'), id: this.lastEventId });
    this.event = '';
    this.data = [];
    this.id = null;
  }
}

export interface LiveStreamOptions {
  url: string;
  onMessage: (message: StreamMessage) => void;
  onStatus: (status: StreamStatus) => void;
  /** Called after every (re)connection: whatever happened while disconnected must be fetched again. */
  onOpen?: () => void;
}

/**
 * The live stream read with fetch and a ReadableStream rather than EventSource, so that it can send
 * `Authorization: Bearer` like every other request; reconnects with capped exponential backoff and Last-Event-ID.
 */
export function openLiveStream(options: LiveStreamOptions): { close(): void } {
  let closed = false;
  let controller: AbortController | null = null;
  let lastEventId: string | null = null;
  let failures = 0;
  let retryMs: number | null = null;

  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function connectOnce(): Promise<void> {
    controller = new AbortController();
    const headers: Record<string, string> = { Accept: 'text/event-stream', ...authHeaders() };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    const response = await fetch(options.url, { headers, signal: controller.signal, cache: 'no-store' });
    if (response.status === 401) {
      options.onStatus('unauthorized');
      if (await handleUnauthorized()) return;
      throw new Error('no key');
    }
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    options.onStatus('connected');
    failures = 0;
    options.onOpen?.();
    const parser = new EventStreamParser((message) => {
      lastEventId = message.id ?? lastEventId;
      options.onMessage(message);
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
      if (parser.retryMs !== null) retryMs = parser.retryMs;
    }
  }

  (async () => {
    options.onStatus('connecting');
    while (!closed) {
      try {
        await connectOnce();
      } catch {
        // network error, abort or refusal: fall through to the backoff
      }
      if (closed) break;
      failures++;
      options.onStatus('reconnecting');
      const backoff = Math.min(15_000, (retryMs ?? 1000) * 2 ** Math.min(failures - 1, 4));
      await wait(backoff * (0.75 + Math.random() * 0.5));
    }
  })();

  return {
    close() {
      closed = true;
      controller?.abort();
    },
  };
}
