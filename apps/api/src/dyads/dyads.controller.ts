import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { dyadActors, isDyadId } from '@app/escalation';
import { CurrentReadModels, JsonBody, ReadModelReader, type DyadDetail } from '@app/projections';
import { RequiresRole } from '../access/requires-role.decorator';
import { ApiError } from '../http/api-error';
import { sendJsonBody } from '../http/send-json-body';
import { ApiClockQueries } from './clock-queries';
import { DyadDetailDto, DyadListDto } from './dyad.dto';
import { actorParam, clocksParams, integerParam, ParamProblems } from './read-model-params';

type Query = Record<string, unknown>;

@ApiTags('dyads')
@RequiresRole('viewer')
@Controller('api/v1/dyads')
export class DyadsController {
  constructor(
    @Inject(ReadModelReader) private readonly reader: ReadModelReader,
    @Inject(CurrentReadModels) private readonly current: CurrentReadModels,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every dyad on the escalation ladder at T' })
  @ApiQuery({ name: 'minLevel', required: false, description: '0–5' })
  @ApiQuery({ name: 'actor', required: false, description: 'ISO3 code of one of the two states' })
  @ApiClockQueries()
  @ApiOkResponse({ type: DyadListDto })
  async list(@Query() query: Query, @Req() request: Request, @Res() response: Response): Promise<void> {
    const problems = new ParamProblems();
    const minLevel = integerParam(problems, 'minLevel', query.minLevel, 0, 5);
    const actor = actorParam(problems, 'actor', query.actor);
    const clocks = clocksParams(problems, query.asOf, query.knownAt);
    problems.throwIfAny();
    const filter = { minLevel, actor };
    // As known now (any asOf), the list comes from memory, pre-serialized per date: thousands of dyads, asked for
    // many times a second, and by a dashboard's time slider. Only a record time (knownAt) reads the contribution rows.
    const body =
      clocks?.knownAt !== undefined ? new JsonBody(JSON.stringify({ items: await this.reader.dyads(filter, clocks) }), false) : this.current.dyadsJson(filter, clocks?.at);
    await sendJsonBody(request, response, body);
  }

  @Get(':dyad')
  @ApiOperation({ summary: 'One dyad at T: level, history, incidents with sources and corroboration, offers between them' })
  @ApiParam({ name: 'dyad', description: 'two ISO3 codes sorted and joined by "-", e.g. IRN-PAK' })
  @ApiClockQueries()
  @ApiOkResponse({ type: DyadDetailDto })
  @ApiNotFoundResponse({ description: 'a dyad never seen' })
  async get(@Param('dyad') dyad: string, @Query() query: Query): Promise<DyadDetail> {
    const problems = new ParamProblems();
    if (!isDyadId(dyad)) problems.add('dyad', 'must be two different ISO3 codes, sorted, joined by "-" (e.g. IRN-PAK)');
    else if (dyadActors(dyad).some((actor) => actorParam(new ParamProblems(), 'dyad', actor) === undefined)) problems.add('dyad', 'both codes must be ISO 3166-1 alpha-3 country codes');
    const clocks = clocksParams(problems, query.asOf, query.knownAt) ?? { at: new Date().toISOString() };
    problems.throwIfAny();
    const detail = await this.reader.dyad(dyad, clocks);
    if (!detail) throw ApiError.notFound(`no incident between ${dyad.replace('-', ' and ')} has been recorded`);
    return detail;
  }
}
