import type { Command } from 'commander';
import { redactUrl, stackDown, stackStatus, stackUp, type StackDownResult, type StackStatus, type StackUpResult } from '@app/local-stack';
import { CliError, usageError } from '../cli-error';

const progress = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function printUp(result: StackUpResult): void {
  const { kafka, topics, postgres } = result;
  const version = kafka.version ? `, Kafka ${kafka.version}` : '';
  const kafkaHow =
    kafka.action === 'started'
      ? `started (${kafka.kind}${version})`
      : `already running (${kafka.kind}${kafka.kind === 'jars' && !kafka.pid ? ', not started from this checkout' : version})`;
  const lines = [
    `Kafka       ${kafka.brokers.join(',')}  ${kafkaHow}${kafka.pid ? `, pid ${kafka.pid}` : ''}`,
    `  topics    ${topics.created.length ? `created ${topics.created.join(', ')}` : 'all present'}${topics.existing.length && topics.created.length ? `; present ${topics.existing.join(', ')}` : ''}`,
    `PostgreSQL  ${redactUrl(postgres.url)}  ${postgres.action === 'started' ? 'started' : 'found'} (${postgres.kind})${postgres.pid ? `, pid ${postgres.pid}` : ''}`,
    `Ready in ${result.seconds.toFixed(1)} s.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printDown(result: StackDownResult): void {
  process.stdout.write(`Kafka       ${result.kafka.note}\nPostgreSQL  ${result.postgres.note}\n`);
}

function printStatus(status: StackStatus): void {
  const { kafka, postgres } = status;
  const kafkaState = kafka.answers ? 'answers' : 'DOWN';
  const lines = [
    `Kafka       ${kafka.brokers.join(',')}  ${kafkaState}  (${kafka.kind}${kafka.version ? `, Kafka ${kafka.version}` : ''}${kafka.pid ? `, pid ${kafka.pid}` : ''})`,
    ...kafka.topics.map(
      (topic) =>
        `  ${topic.topic.padEnd(22)} ${String(topic.partitions).padStart(2)} partitions  max.message.bytes=${topic.configs['max.message.bytes'] ?? '?'}` +
        (topic.topicLevel.includes('max.message.bytes') ? '' : ' (broker default)'),
    ),
    `PostgreSQL  ${postgres.url ?? '-'}  ${postgres.answers ? 'answers' : 'DOWN'}  (${postgres.kind}${postgres.pid ? `, pid ${postgres.pid}` : ''})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function failing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    const [first, ...rest] = message.split('\n');
    if (rest.length > 0) process.stderr.write(`${rest.join('\n')}\n`);
    throw new CliError(first);
  }
}

export function registerStackCommand(program: Command): void {
  const stack = program
    .command('stack')
    .description('start, stop or show the local Kafka and PostgreSQL (KAFKA_BROKERS / DATABASE_URL are used when set)')
    .argument('[action]', 'up | down | status')
    .option('--json', 'print the result as JSON')
    .action(async (action: string | undefined, options: { json?: boolean }) => {
      const print = <T>(result: T, human: (value: T) => void): void => {
        if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else human(result);
      };
      switch (action) {
        case 'up': {
          const result = await failing(() => stackUp({ log: progress }));
          return print({ ...result, postgres: { ...result.postgres, url: redactUrl(result.postgres.url) } }, printUp);
        }
        case 'down':
          return print(await failing(() => stackDown({ log: progress })), printDown);
        case 'status': {
          const status = await failing(() => stackStatus());
          print(status, printStatus);
          if (!status.kafka.answers || !status.postgres.answers) process.exitCode = 1;
          return;
        }
        default:
          throw usageError(action ? `unknown stack action "${action}" (expected up, down or status)` : 'missing stack action: up, down or status');
      }
    });
  stack.showHelpAfterError();
}
