import type { Command } from 'commander';
import { CliError } from '../cli-error';

// Placeholder until the command lands; it fails loudly rather than pretending.
export function registerStackCommand(program: Command): void {
  program.command('stack').allowUnknownOption().action(() => {
    throw new CliError('wirewatch stack is not available yet');
  });
}
