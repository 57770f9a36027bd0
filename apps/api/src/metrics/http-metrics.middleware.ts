import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiMetrics } from './api-metrics';

/**
 * Times every request to its last byte, labelled by the route pattern (`/api/v1/dyads/:dyad`, never the raw
 * path, so that labels stay few); requests no route matched are `unmatched`. The event stream never ends, so
 * it is timed to its headers.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(ApiMetrics) private readonly metrics: ApiMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const route = request.route?.path ? `${request.baseUrl ?? ''}${request.route.path}` : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.httpDuration.observe({ method: request.method, route, status: String(response.statusCode) }, seconds);
    };
    const flushHeaders = response.flushHeaders.bind(response);
    response.flushHeaders = () => {
      flushHeaders();
      if (String(response.getHeader('content-type') ?? '').startsWith('text/event-stream')) record();
    };
    response.once('finish', record);
    response.once('close', record);
    next();
  }
}
