import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { registerCodeCommand } from './commands/code.command';
import { registerEvalCommand } from './commands/eval.command';
import { registerPublishCommand } from './commands/publish.command';
import { registerRecodeCommand } from './commands/recode.command';
import { registerReplayCommand } from './commands/replay.command';
import { registerStackCommand } from './commands/stack.command';
import { registerRebuildCommand } from './commands/rebuild.command';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from './cli-error';

const program = new Command('wirewatch')
  .description('Wirewatch: code wire reports, evaluate the coder, publish, replay, rebuild, run the local stack')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

registerCodeCommand(program);
registerEvalCommand(program);
registerPublishCommand(program);
registerReplayCommand(program);
registerRecodeCommand(program);
registerStackCommand(program);
registerRebuildCommand(program);

program.parseAsync(process.argv).then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    if (error instanceof CommanderError) {
      process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
    }
    const cliError = error instanceof CliError ? error : undefined;
    const message = (error as Error)?.message ?? String(error);
    process.stderr.write(`wirewatch: ${message.split('\n')[0]}\n`);
    process.exit(cliError?.exitCode ?? EXIT_FAILURE);
  },
);
