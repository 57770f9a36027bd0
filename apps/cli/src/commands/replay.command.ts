import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { Pool } from 'pg';
import { validateEnvironment } from '@app/config';
import { migrateDatabase, PostgresEventStore, wireReportUpcasters } from '@app/event-store';
import { createKafka } from '@app/kafka';
import { KafkaReplayTarget, parseReplayRequest, Replayer, replayMigrations } from '@app/replay';
import { CliError, usageError } from '../cli-error';

interface ReplayOptions {
  topic: string;
  from?: string;
  until?: string;
  types?: string;
}

export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('republish stored history to a replay.<name> topic (one partition, in global order), with a progress bar')
    .requiredOption('--topic <topic>', 'replay.<name>, <name> matching [a-z0-9][a-z0-9._-]{0,100}')
    .option('--from <instant>', 'events recorded at or after this ISO-8601 instant')
    .option('--until <instant>', 'events recorded before this ISO-8601 instant')
    .option('--types <types>', 'comma-separated event types (default: all)')
    .action(async (options: ReplayOptions) => {
      const parsed = parseReplayRequest({ kind: 'topic', topic: options.topic, from: options.from, until: options.until, types: options.types });
      if (!parsed.ok) throw usageError(parsed.problems.map((problem) => `--${problem.name} ${problem.reason}`).join('; '));
      if (parsed.request.kind !== 'topic') throw usageError('replay needs --topic');
      const env = validateEnvironment(process.env);
      const summary = await replayToTopic(env.DATABASE_URL, env.KAFKA_BROKERS, parsed.request.topic, parsed.request.selection);
      process.stdout.write(`${summary}\n`);
    });
}

async function replayToTopic(databaseUrl: string, brokers: string[], topic: string, selection: Parameters<Replayer['request']>[1]): Promise<string> {
  await migrateDatabase(databaseUrl, replayMigrations).catch((error: Error) => {
    throw new CliError(`cannot reach PostgreSQL at ${databaseUrl}: ${error.message} (try: wirewatch stack up)`);
  });
  const pool = new Pool({ connectionString: databaseUrl, max: 4, application_name: 'wirewatch-cli-replay' });
  const target = new KafkaReplayTarget(createKafka(brokers, 'wirewatch-cli'));
  const replayer = new Replayer(pool, new PostgresEventStore(pool, { upcasters: wireReportUpcasters, notify: false }), target);
  const bar = new SingleBar({ format: 'replaying |{bar}| {percentage}% | {value}/{total} events | {eta_formatted} left', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  const pause = () => void replayer.stop();
  try {
    const replay = await replayer.request(topic, selection, 'cli').catch((error: Error) => {
      throw new CliError(`cannot start the replay to ${topic}: ${error.message}`);
    });
    process.once('SIGINT', pause);
    bar.start(replay.total, 0);
    await replayer.launch(replay.replayId, (processed) => bar.update(processed));
    bar.stop();
    const ended = await replayer.replays.find(replay.replayId);
    if (ended?.status === 'failed') throw new CliError(`replay ${replay.replayId} failed after ${ended.processed} events: ${ended.error}`);
    if (ended?.status === 'running') {
      throw new CliError(`replay ${replay.replayId} paused after ${ended.processed} of ${ended.total} events; the api resumes it when it next starts`);
    }
    return `replayed ${ended?.processed ?? 0} events to ${topic} (replay ${replay.replayId})`;
  } finally {
    bar.stop();
    process.removeListener('SIGINT', pause);
    await target.close();
    await pool.end();
  }
}
