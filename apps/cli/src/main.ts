import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { registerCodeCommand } from './commands/code.command';
import { registerEvalCommand } from './commands/eval.command';
import { registerPublishCommand } from './commands/publish.command';
import { registerStackCommand } from './commands/stack.command';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from './cli-error';

const program = new Command('wirewatch')
  .description('Wirewatch: code wire reports, evaluate the coder, publish, replay, rebuild, run the local stack')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

registerCodeCommand(program);
registerEvalCommand(program);
registerPublishCommand(program);
registerStackCommand(program);

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
