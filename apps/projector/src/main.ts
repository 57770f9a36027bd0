import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { exitCleanlyOnSignals } from '@app/infrastructure';
import { ProjectorModule } from './projector.module';

/** Projector: catch-up subscriptions over the event store that keep the read models and the alert outbox. */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ProjectorModule, { logger: ['error', 'warn', 'log'] });
  exitCleanlyOnSignals(app, 'Projector');
  new Logger('Projector').log('started');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`projector: ${(error as Error).message}\n`);
  process.exit(1);
});
