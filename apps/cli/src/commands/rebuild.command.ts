import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { Pool } from 'pg';
import { validateEnvironment } from '@app/config';
import { migrateDatabase, PostgresEventStore, wireReportUpcasters } from '@app/event-store';
import { READ_MODELS_PROJECTION, readModelMigrations, rebuildReadModels, type RebuildProgress } from '@app/projections';
import { CliError, usageError } from '../cli-error';

/** Dyads and mediation offers share one projection (offers read the same incidents), so either name rebuilds it. */
const PROJECTIONS: Record<string, string> = {
  [READ_MODELS_PROJECTION]: READ_MODELS_PROJECTION,
  dyads: READ_MODELS_PROJECTION,
  'mediation-offers': READ_MODELS_PROJECTION,
};

export function registerRebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .description('rebuild a read model from the event store into fresh tables while the API serves the old ones, then switch')
    .argument('<projection>', `one of: ${Object.keys(PROJECTIONS).join(', ')}`)
    .action(async (projection: string) => {
      if (!PROJECTIONS[projection]) throw usageError(`unknown projection "${projection}" (known: ${Object.keys(PROJECTIONS).join(', ')})`);
      const env = validateEnvironment(process.env);
      await rebuild(env.DATABASE_URL);
    });
}

async function rebuild(databaseUrl: string): Promise<void> {
  try {
    await migrateDatabase(databaseUrl, readModelMigrations);
  } catch (error) {
    throw new CliError(`cannot prepare the database at ${redacted(databaseUrl)}: ${(error as Error).message}`);
  }
  const pool = new Pool({ connectionString: databaseUrl, max: 4, application_name: 'wirewatch-rebuild' });
  const store = new PostgresEventStore(pool, { upcasters: wireReportUpcasters, notify: false });
  const bar = new SingleBar(
    { format: '{phase} |{bar}| {percentage}% | {value}/{total} events | {eta_formatted} left', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  const onProgress = ({ phase, processed, total }: RebuildProgress) => {
    if (!started) bar.start(total, 0, { phase });
    started = true;
    bar.setTotal(total);
    bar.update(processed, { phase });
  };
  // Interrupting is safe: the half-built generation is never switched to, and the next run drops it.
  const interrupt = () => {
    bar.stop();
    process.stderr.write('wirewatch: rebuild interrupted; the API still serves the previous generation; run it again to rebuild\n');
    process.exit(1);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const result = await rebuildReadModels(store, { onProgress });
    bar.stop();
    const rate = result.replaySeconds > 0 ? Math.round(result.events / result.replaySeconds) : result.events;
    process.stdout.write(
      `rebuilt ${READ_MODELS_PROJECTION} from ${result.events} events into generation ${result.generation} in ${result.totalSeconds.toFixed(1)} s (${rate} events/s replayed); now serving it\n`,
    );
  } catch (error) {
    bar.stop();
    throw new CliError(`rebuild failed: ${(error as Error).message}`);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await store.close();
    await pool.end();
  }
}

function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
