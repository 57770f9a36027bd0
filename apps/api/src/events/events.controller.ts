import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PostgresEventStore } from '@app/event-store';
import { toEventJson } from '@app/replay';
import { RequiresRole } from '../access/requires-role.decorator';
import { encodeCursor } from './cursor';
import { pagesUpToHead } from './event-history';
import { EventsPageDto } from './events.dto';
import { DEFAULT_LIMIT, MAX_LIMIT, parseEventsQuery, type RawQuery } from './events-query';
import { NdjsonWriter } from './ndjson-writer';

export const NDJSON = 'application/x-ndjson';

@ApiTags('events')
@Controller('api/v1/events')
@RequiresRole('analyst')
export class EventsController {
  constructor(@Inject(PostgresEventStore) private readonly store: PostgresEventStore) {}

  @Get()
  @ApiOperation({
    summary: 'The event history in global order, a page at a time; with Accept: application/x-ndjson the whole selection streamed',
    description: '`next` is the cursor to pass as `after` for the following page (it is given on the last page too, for polling); `hasMore` says whether more events were already there.',
  })
  @ApiQuery({ name: 'after', required: false, description: 'cursor from `next` of a previous page' })
  @ApiQuery({ name: 'limit', required: false, description: `page size, 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT}); ignored when streaming` })
  @ApiQuery({ name: 'types', required: false, description: 'comma-separated event types' })
  @ApiQuery({ name: 'stream', required: false, description: 'a stream id, or a prefix ending in * (report-*)' })
  @ApiQuery({ name: 'from', required: false, description: 'recorded at or after this instant (ISO-8601)' })
  @ApiQuery({ name: 'until', required: false, description: 'recorded before this instant (ISO-8601)' })
  @ApiProduces('application/json', NDJSON)
  @ApiOkResponse({ type: EventsPageDto })
  async list(@Query() raw: RawQuery, @Req() request: Request, @Res() response: Response): Promise<void> {
    const query = parseEventsQuery(raw);
    if (wantsNdjson(request)) return this.stream(query.after, query.filter, response);
    const page = await this.store.readAll(query.after, query.limit, query.filter);
    response.json({ items: page.events.map(toEventJson), next: encodeCursor(page.checkpoint), hasMore: !page.isEnd });
  }

  private async stream(after: Parameters<typeof pagesUpToHead>[1], filter: Parameters<typeof pagesUpToHead>[2], response: Response): Promise<void> {
    response.status(200).type(NDJSON).setHeader('Cache-Control', 'no-store');
    response.flushHeaders();
    const writer = new NdjsonWriter(response);
    try {
      for await (const events of pagesUpToHead(this.store, after, filter)) {
        if (!writer.open) break;
        await writer.write(events.map((event) => JSON.stringify(toEventJson(event))));
      }
      response.end();
    } catch (error) {
      // Headers are gone: the only honest signal left is a broken stream.
      response.destroy(error as Error);
    }
  }
}

function wantsNdjson(request: Request): boolean {
  return (request.headers.accept ?? '').split(',').some((part) => part.trim().toLowerCase().startsWith(NDJSON));
}
