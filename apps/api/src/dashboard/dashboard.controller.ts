import { Controller, Get, Header, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { join } from 'node:path';
import { ApiError } from '../http/api-error';
import { DASHBOARD_CSP, type DashboardFiles } from './dashboard-files';

export const DASHBOARD_FILES = Symbol('DASHBOARD_FILES');

/** GET / — the operations dashboard (SPEC §5), built by apps/dashboard/build.cjs; its assets under /assets/. */
@ApiExcludeController()
@SkipThrottle()
@Controller()
export class DashboardController {
  constructor(@Inject(DASHBOARD_FILES) private readonly files: DashboardFiles | null) {}

  @Get()
  @Header('Cache-Control', 'no-cache')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'no-referrer')
  page(@Res() response: Response): void {
    if (!this.files) throw new ApiError('unavailable', 'the dashboard has not been built: run `npm run build`');
    response.setHeader('Content-Security-Policy', DASHBOARD_CSP);
    response.type('html').send(this.files.index);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    if (!this.files || !this.files.assets.has(file)) throw ApiError.notFound(`no dashboard asset ${file}`);
    // Names carry a content hash: a name always means the same bytes.
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.sendFile(join(this.files.directory, 'assets', file));
  }
}
