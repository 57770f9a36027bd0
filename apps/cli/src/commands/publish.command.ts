import type { Command } from 'commander';
import { CliError } from '../cli-error';

// Placeholder until the command lands; it fails loudly rather than pretending.
export function registerPublishCommand(program: Command): void {
  program.command('publish').allowUnknownOption().action(() => {
    throw new CliError('wirewatch publish is not available yet');
  });
}
