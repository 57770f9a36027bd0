import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError, STATUS_BY_CODE } from './api-error';

export const PROBLEM_JSON = 'application/problem+json';

/** Maps every error to RFC 9457 problem details, once, at the edge. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request.originalUrl ?? request.url);
    if (response.headersSent) return;
    response.status(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, instance: string): Record<string, unknown> & { status: number } {
    if (exception instanceof ApiError) {
      const { status, title } = STATUS_BY_CODE[exception.code];
      const invalid = exception.fields.length > 0 ? { 'invalid-params': exception.fields } : {};
      return { type: `urn:wirewatch:problem:${exception.code}`, title, status, detail: exception.detail, instance, ...invalid };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      return { type: 'about:blank', title: exception.name.replace(/Exception$/, ''), status, detail, instance };
    }
    this.logger.error({ msg: 'unhandled error', instance, error: String(exception), stack: (exception as Error)?.stack });
    return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred', instance };
  }
}
