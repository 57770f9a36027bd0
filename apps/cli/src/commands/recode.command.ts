import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { Pool } from 'pg';
import { validateEnvironment } from '@app/config';
import { PostgresEventStore, wireReportUpcasters } from '@app/event-store';
import { countReceivedReports, parseInstant, recodeReports, type RecodingCoder } from '@app/replay';
import { CliError, usageError } from '../cli-error';

interface RecodeOptions {
  from?: string;
  until?: string;
}

export function registerRecodeCommand(program: Command): void {
  program
    .command('recode')
    .description('run the current coder over stored reports and append a new coding where it changed (earlier codings stay)')
    .option('--from <instant>', 'reports received at or after this ISO-8601 instant')
    .option('--until <instant>', 'reports received before this ISO-8601 instant')
    .action(async (options: RecodeOptions) => {
      const from = instantOption('--from', options.from);
      const until = instantOption('--until', options.until);
      if (from && until && from > until) throw usageError('--until must not be before --from');
      const env = validateEnvironment(process.env);
      process.stdout.write(`${await recode(env.DATABASE_URL, { from, until })}\n`);
    });
}

function instantOption(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const instant = parseInstant(value);
  if (!instant) throw usageError(`${name} must be an ISO-8601 instant with an offset or Z, e.g. 2024-01-18T00:00:00Z`);
  return instant;
}

async function recode(databaseUrl: string, range: { from?: Date; until?: Date }): Promise<string> {
  // Loaded here, not at start-up: only this command needs the coder and its dictionaries.
  const { code, CODER_VERSION, isCodable } = await import('@app/coding');
  const coder: RecodingCoder = { version: CODER_VERSION, isCodable, code };
  const pool = new Pool({ connectionString: databaseUrl, max: 2, application_name: 'wirewatch-cli-recode' });
  const store = new PostgresEventStore(pool, { upcasters: wireReportUpcasters });
  const bar = new SingleBar({ format: 'recoding |{bar}| {percentage}% | {value}/{total} reports | {recoded} recoded | {eta_formatted} left', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  try {
    const total = await countReceivedReports(pool, store, range).catch((error: Error) => {
      throw new CliError(`cannot read the event store at ${databaseUrl}: ${error.message} (try: wirewatch stack up)`);
    });
    bar.start(total, 0, { recoded: 0 });
    const tally = await recodeReports(store, coder, { ...range, onProgress: (current) => bar.update(current.examined, { recoded: current.recoded }) });
    bar.stop();
    const failed = tally.failed > 0 ? `, ${tally.failed} the coder failed on (their codings kept)` : '';
    return `examined ${tally.examined} reports with coder ${coder.version}: ${tally.recoded} recoded, ${tally.unchanged} unchanged${failed}`;
  } finally {
    bar.stop();
    await store.close();
    await pool.end();
  }
}
