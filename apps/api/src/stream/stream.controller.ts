import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequiresRole } from '../access/requires-role.decorator';
import { ReadModelChangeFeed, type StreamMessage } from './change-feed';
import { OpenStreams } from './open-streams';

/** What a client retries after when the connection drops (the SSE `retry:` field). */
const RETRY_MS = 2000;
/** A client that reads this far behind is dropped; it reconnects with Last-Event-ID and gets the rest. */
const MAX_UNREAD_BYTES = 1024 * 1024;

const frame = (message: StreamMessage): string => `id: ${message.id}\nevent: ${message.event}\ndata: ${message.data}\n\n`;

/**
 * SPEC §5 `GET /api/v1/stream`: every dyad and mediation-offer change as a server-sent event. Works for
 * EventSource and for fetch-based readers that send `Authorization: Bearer` (the dashboard): headers go out at
 * once, frames are written unbuffered, and a comment line every ~15 s keeps proxies from closing the connection.
 */
@ApiTags('stream')
@Controller('api/v1/stream')
export class StreamController {
  constructor(
    @Inject(ReadModelChangeFeed) private readonly feed: ReadModelChangeFeed,
    @Inject(OpenStreams) private readonly open: OpenStreams,
  ) {}

  @Get()
  @RequiresRole('viewer')
  @ApiOperation({
    summary: 'Read-model changes as Server-Sent Events',
    description:
      'Events `dyad` (a GET /api/v1/dyads item) and `mediation-offer` (an offer view), each with an `id`. Reconnect with ' +
      '`Last-Event-ID` to receive what was missed; `reset` means the server cannot replay the gap: read everything again. ' +
      'Comment lines are heartbeats.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'an endless text/event-stream' })
  stream(@Req() request: Request, @Res() response: Response): void {
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    request.socket.setNoDelay(true);
    request.socket.setKeepAlive(true);

    const write = (text: string) => {
      if (response.writableEnded) return;
      response.write(text);
      if (response.writableLength > MAX_UNREAD_BYTES) response.end();
    };
    write(`retry: ${RETRY_MS}\n: connected ${new Date().toISOString()}\n\n`);

    // Replay and subscription happen in one tick: no change can fall between them.
    const lastEventId = headerValue(request.headers['last-event-id']) ?? queryValue(request.query.lastEventId);
    if (lastEventId) {
      const replay = this.feed.since(lastEventId);
      if (replay.kind === 'replay') for (const message of replay.messages) write(frame(message));
      else write(`event: reset\ndata: ${JSON.stringify({ reason: 'Last-Event-ID is not held here', lastEventId })}\n\n`);
    }
    const unsubscribe = this.feed.subscribe((message) => write(frame(message)));
    const heartbeat = setInterval(() => write(`: heartbeat ${new Date().toISOString()}\n\n`), this.open.heartbeatMs);
    const close = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.remove(response);
    };
    this.open.add(response);
    response.on('close', close);
  }
}

const headerValue = (value: string | string[] | undefined): string | null => (Array.isArray(value) ? value[0] : value) || null;
const queryValue = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
