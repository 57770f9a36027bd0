import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Environment } from '@app/config';
import { PROBLEM_JSON } from '../http/problem-details.filter';

/** Largest JSON request body the API reads (replay requests are a few hundred bytes). */
export const JSON_BODY_LIMIT = '64kb';

/** Body-size limits and CORS (`CORS_ORIGINS`); the app must be created with `bodyParser: false`. */
export function applyHttpLimits(app: NestExpressApplication, env: Pick<Environment, 'CORS_ORIGINS'>): void {
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: JSON_BODY_LIMIT, extended: false });
  app.use(bodyErrorsAsProblems);
  if (env.CORS_ORIGINS.length === 0) return;
  app.enableCors({
    origin: env.CORS_ORIGINS.includes('*') ? '*' : env.CORS_ORIGINS,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Accept'],
    exposedHeaders: ['Location', 'Retry-After'],
    maxAge: 600,
  });
}

/** Body-parser failures (too large, malformed JSON) happen before Nest's filters: answer them as problems too. */
function bodyErrorsAsProblems(error: unknown, request: Request, response: Response, next: NextFunction): void {
  const failure = error as { status?: number; type?: string; message?: string };
  if (!failure || typeof failure.status !== 'number' || response.headersSent) return next(error);
  const tooLarge = failure.type === 'entity.too.large';
  const problem = {
    type: 'about:blank',
    title: tooLarge ? 'Payload Too Large' : 'Bad Request',
    status: failure.status,
    detail: tooLarge ? `the request body exceeds ${JSON_BODY_LIMIT}` : `the request body is not valid: ${failure.message ?? 'unreadable'}`,
    instance: request.originalUrl,
  };
  response.status(failure.status).type(PROBLEM_JSON).send(JSON.stringify(problem));
}
