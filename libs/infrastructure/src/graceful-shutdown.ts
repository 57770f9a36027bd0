import { Logger, type INestApplicationContext } from '@nestjs/common';

const FORCE_EXIT_AFTER_MS = 20_000;

/**
 * Stops the app on SIGTERM or SIGINT: Nest's shutdown hooks run (consumers leave their group, pools close),
 * then the process exits 0; if closing hangs, it exits 1 after 20 s. Use instead of enableShutdownHooks(),
 * which re-raises the signal and so never exits with a status.
 */
export function exitCleanlyOnSignals(app: INestApplicationContext, name: string): void {
  const logger = new Logger(name);
  let closing = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received, stopping`);
    setTimeout(() => {
      logger.error('did not stop within 20 s; exiting');
      process.exit(1);
    }, FORCE_EXIT_AFTER_MS).unref();
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error({ msg: 'error while stopping', error: String(error) });
      process.exit(1);
    }
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}
