import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { isOfferId, OFFER_STATUSES, parseOfferId } from '@app/mediation';
import { CurrentReadModels, JsonBody, ReadModelReader, type OfferView } from '@app/projections';
import { RequiresRole } from '../access/requires-role.decorator';
import { ApiError } from '../http/api-error';
import { sendJsonBody } from '../http/send-json-body';
import { ApiClockQueries } from '../dyads/clock-queries';
import { actorParam, clocksParams, enumParam, ParamProblems } from '../dyads/read-model-params';
import { OfferDto, OfferListDto } from './offer.dto';

type Query = Record<string, unknown>;

@ApiTags('mediation-offers')
@RequiresRole('viewer')
@Controller('api/v1/mediation-offers')
export class MediationOffersController {
  constructor(
    @Inject(ReadModelReader) private readonly reader: ReadModelReader,
    @Inject(CurrentReadModels) private readonly current: CurrentReadModels,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Mediation offers at T: statements, answers, status' })
  @ApiQuery({ name: 'mediator', required: false, description: 'ISO3 of the mediator' })
  @ApiQuery({ name: 'party', required: false, description: 'ISO3 of one of the parties' })
  @ApiQuery({ name: 'status', required: false, enum: OFFER_STATUSES })
  @ApiClockQueries()
  @ApiOkResponse({ type: OfferListDto })
  async list(@Query() query: Query, @Req() request: Request, @Res() response: Response): Promise<void> {
    const problems = new ParamProblems();
    const filter = {
      mediator: actorParam(problems, 'mediator', query.mediator),
      party: actorParam(problems, 'party', query.party),
      status: enumParam(problems, 'status', query.status, OFFER_STATUSES),
    };
    const clocks = clocksParams(problems, query.asOf, query.knownAt);
    problems.throwIfAny();
    const body = clocks ? new JsonBody(JSON.stringify({ items: await this.reader.offers(filter, clocks) }), false) : this.current.offersJson(filter);
    await sendJsonBody(request, response, body);
  }

  @Get(':offerId')
  @ApiOperation({ summary: 'One mediation offer at T' })
  @ApiParam({ name: 'offerId', description: 'MEDIATOR:PARTY-PARTY, ISO3 codes, parties sorted, e.g. CHN:IRN-PAK' })
  @ApiClockQueries()
  @ApiOkResponse({ type: OfferDto })
  @ApiNotFoundResponse({ description: 'an offer never seen (or not yet reported at T)' })
  async get(@Param('offerId') offerId: string, @Query() query: Query): Promise<OfferView> {
    const problems = new ParamProblems();
    if (!isOfferId(offerId)) problems.add('offerId', 'must be MEDIATOR:PARTY-PARTY with ISO3 codes and the parties sorted, e.g. CHN:IRN-PAK');
    const clocks = clocksParams(problems, query.asOf, query.knownAt) ?? { at: new Date().toISOString() };
    problems.throwIfAny();
    const { mediator, parties } = parseOfferId(offerId);
    const offer = await this.reader.offer(offerId, mediator, parties, clocks);
    if (!offer) throw ApiError.notFound(`no mediation offer ${offerId} has been reported`);
    return offer;
  }
}
