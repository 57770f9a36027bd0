import type { Command } from 'commander';
import { CliError } from '../cli-error';

// Placeholder until the command lands; it fails loudly rather than pretending.
export function registerEvalCommand(program: Command): void {
  program.command('eval').allowUnknownOption().action(() => {
    throw new CliError('wirewatch eval is not available yet');
  });
}
