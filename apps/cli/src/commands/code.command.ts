import type { Command } from 'commander';
import { CliError } from '../cli-error';

// Placeholder until the command lands; it fails loudly rather than pretending.
export function registerCodeCommand(program: Command): void {
  program.command('code').allowUnknownOption().action(() => {
    throw new CliError('wirewatch code is not available yet');
  });
}
