import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { validateEnvironment } from '@app/config';
import { exitCleanlyOnSignals } from '@app/infrastructure';
import { applyHttpLimits } from './access/http-limits';
import { ApiModule } from './api.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { mountOpenApi } from './http/swagger';

async function bootstrap(): Promise<void> {
  const env = validateEnvironment(process.env);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { logger: levelsFrom(env.LOG_LEVEL), bodyParser: false });
  applyHttpLimits(app, env);
  app.useGlobalFilters(new ProblemDetailsFilter());
  exitCleanlyOnSignals(app, 'Api');
  mountOpenApi(app);
  const host = env.WIREWATCH_API_KEYS.length > 0 ? '0.0.0.0' : '127.0.0.1';
  if (host === '127.0.0.1') {
    new Logger('Access').warn('WIREWATCH_API_KEYS is empty: the API needs no key and listens on 127.0.0.1 only');
  }
  await app.listen(env.PORT, host);
  new Logger('Api').log(`listening on http://${host}:${env.PORT}`);
}

function levelsFrom(level: string) {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level as (typeof order)[number]) + 1);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`api: ${(error as Error).message}\n`);
  process.exit(1);
});
