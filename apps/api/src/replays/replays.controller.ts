import { Body, Controller, Get, HttpCode, Inject, NotImplementedException, Optional, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiNotImplementedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { JobBusyError, parseReplayRequest, progressOf, Replayer, ReplayTargetUnavailableError, ReplayTopicError, type RebuildView, type RecodingView, type ReplayProgress } from '@app/replay';
import { ApiKeyRing, bearerToken } from '../access/api-key-ring';
import { RequiresRole } from '../access/requires-role.decorator';
import { roleSatisfies } from '../access/roles';
import { ApiError } from '../http/api-error';
import { ReplayAcceptedDto, ReplayProgressDto, ReplayRequestDto } from './replays.dto';
import { REBUILD_REQUESTER, REBUILD_UNAVAILABLE, type RebuildRequester } from './rebuild-handoff';
import { ReportRecodings } from './report-recodings';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('replays')
@Controller('api/v1/replays')
export class ReplaysController {
  constructor(
    @Inject(Replayer) private readonly replayer: Replayer,
    @Inject(ApiKeyRing) private readonly keys: ApiKeyRing,
    @Inject(ReportRecodings) private readonly recodings: ReportRecodings,
    @Optional() @Inject(REBUILD_REQUESTER) private readonly rebuilds?: RebuildRequester,
  ) {}

  @Post()
  @HttpCode(202)
  @RequiresRole('analyst')
  @ApiOperation({ summary: 'Republish stored history to a replay.<name> topic (analyst), rebuild a projection (admin), or re-code stored reports with the current coder (admin)' })
  @ApiBody({ type: ReplayRequestDto })
  @ApiAcceptedResponse({ type: ReplayAcceptedDto })
  @ApiNotImplementedResponse({ description: 'no rebuild is available in this process' })
  async start(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<{ replayId: string }> {
    const parsed = parseReplayRequest(body);
    if (!parsed.ok) throw ApiError.invalid(parsed.problems);
    const requester = this.requester(request);
    if (parsed.request.kind === 'rebuild') {
      if (requester.role !== 'admin') throw new ApiError('forbidden', 'rebuilding a projection needs the admin role');
      if (!this.rebuilds) throw new NotImplementedException(REBUILD_UNAVAILABLE);
      if (!this.rebuilds.projections.includes(parsed.request.projection)) {
        throw ApiError.invalid([{ name: 'projection', reason: `must be one of ${this.rebuilds.projections.join(', ')}` }]);
      }
      const { projection } = parsed.request;
      const rebuilds = this.rebuilds;
      return this.acceptedJob(response, () => rebuilds.request(projection, requester.fingerprint));
    }
    if (parsed.request.kind === 'recode') {
      if (requester.role !== 'admin') throw new ApiError('forbidden', 're-coding stored reports needs the admin role');
      const { range } = parsed.request;
      return this.acceptedJob(response, () => this.recodings.request(range, requester.fingerprint));
    }
    try {
      const replay = await this.replayer.request(parsed.request.topic, parsed.request.selection, requester.fingerprint);
      void this.replayer.launch(replay.replayId);
      response.setHeader('Location', `/api/v1/replays/${replay.replayId}`);
      return { replayId: replay.replayId };
    } catch (error) {
      if (error instanceof ReplayTopicError) throw new ApiError('conflict', error.message);
      if (error instanceof ReplayTargetUnavailableError) throw new ApiError('unavailable', error.message);
      throw error;
    }
  }

  @Get(':replayId')
  @RequiresRole('analyst')
  @ApiOperation({ summary: 'Progress of a replay, rebuild or re-coding: status, processed of the total, start, end, error' })
  @ApiOkResponse({ type: ReplayProgressDto })
  async progress(@Param('replayId') replayId: string): Promise<(ReplayProgress & { kind: 'topic' }) | RebuildView | RecodingView> {
    if (!UUID.test(replayId)) throw ApiError.invalid([{ name: 'replayId', reason: 'must be a replay id (a UUID)' }]);
    const replay = await this.replayer.replays.find(replayId);
    if (replay) return { kind: 'topic', ...progressOf(replay) };
    const rebuild = await this.rebuilds?.find(replayId);
    if (rebuild) return rebuild;
    const recoding = await this.recodings.find(replayId);
    if (recoding) return recoding;
    throw ApiError.notFound(`no replay with id ${replayId}`);
  }

  /** A rebuild or re-coding started: 202 with its Location, or 409 while one of its kind runs. */
  private async acceptedJob(response: Response, start: () => Promise<{ replayId: string }>): Promise<{ replayId: string }> {
    try {
      const { replayId } = await start();
      response.setHeader('Location', `/api/v1/replays/${replayId}`);
      return { replayId };
    } catch (error) {
      if (error instanceof JobBusyError) throw new ApiError('conflict', error.message);
      throw error;
    }
  }

  /** The caller's role (admin when the API is open) and a fingerprint of the key for the audit trail. */
  private requester(request: Request): { role: 'viewer' | 'analyst' | 'admin'; fingerprint: string | null } {
    if (this.keys.isOpen) return { role: 'admin', fingerprint: null };
    const token = bearerToken(request.headers.authorization);
    const holder = token === null ? null : this.keys.identify(token);
    if (!holder) throw new ApiError('unauthorized', 'the API key is not valid');
    return { role: roleSatisfies(holder.role, 'admin') ? 'admin' : holder.role, fingerprint: holder.fingerprint };
  }
}
