import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CODER_VERSION, code, evaluate, formatEvaluation, parseLabelledFile, type LabelledReport } from '@app/coding';
import { CliError, usageError } from '../cli-error';

function readLabelled(file: string): LabelledReport[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw usageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return parseLabelledFile(text);
  } catch (error) {
    throw new CliError(`${file} is not a labelled report file: ${(error as Error).message}`);
  }
}

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('score the coder on a labelled NDJSON file (SPEC §7): P/R/F1 per category and micro overall')
    .argument('<file>', 'labelled reports, one {"report", "expected"} object a line')
    .option('--json', 'print the scores as JSON')
    .action((file: string, options: { json?: boolean }) => {
      const labelled = readLabelled(file);
      if (labelled.length === 0) throw new CliError(`${file} holds no labelled reports`);
      const evaluation = evaluate(labelled.map((item) => ({ produced: code(item.report), expected: item.expected })));
      if (options.json) process.stdout.write(`${JSON.stringify({ coderVersion: CODER_VERSION, ...evaluation }, null, 2)}\n`);
      else process.stdout.write(`coder ${CODER_VERSION}\n${formatEvaluation(evaluation)}`);
    });
}
