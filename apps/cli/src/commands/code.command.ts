import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { code } from '@app/coding';
import { validateWireReport, type WireReport } from '@app/contracts';
import { CliError, usageError } from '../cli-error';

/** Reads a file, or standard input for "-". */
export async function readInput(file: string): Promise<string> {
  if (file !== '-') {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw usageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (process.stdin.isTTY) throw usageError('give a FILE, or pipe reports on standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

interface ParsedItem {
  line: number;
  value?: unknown;
  error?: string;
}

/** One JSON document (an object or an array of them) or NDJSON, one report a line. */
export function parseReports(text: string): ParsedItem[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  try {
    const whole: unknown = JSON.parse(trimmed);
    return Array.isArray(whole) ? whole.map((value, index) => ({ line: index + 1, value })) : [{ line: 1, value: whole }];
  } catch {
    // not a single document: read it as NDJSON
  }
  const items: ParsedItem[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim().length === 0) return;
    try {
      items.push({ line: index + 1, value: JSON.parse(line) });
    } catch (error) {
      items.push({ line: index + 1, error: `not JSON (${(error as Error).message})` });
    }
  });
  return items;
}

export function registerCodeCommand(program: Command): void {
  program
    .command('code')
    .description('code WireReport JSON or NDJSON into incidents, printed as NDJSON (SPEC §3)')
    .argument('[file]', 'a file of reports, or - for standard input', '-')
    .action(async (file: string) => {
      const items = parseReports(await readInput(file));
      const failures: string[] = [];
      for (const item of items) {
        const decoded = item.error === undefined ? validateWireReport(item.value) : undefined;
        if (!decoded || !decoded.ok) {
          failures.push(`line ${item.line}: ${item.error ?? (decoded && !decoded.ok ? decoded.rejection.message : 'invalid')}`);
          continue;
        }
        const report: WireReport = decoded.report;
        for (const event of code(report)) process.stdout.write(`${JSON.stringify(event)}\n`);
      }
      if (failures.length > 0) {
        throw new CliError(`${failures.length} of ${items.length} reports are not valid WireReports (${failures[0]}${failures.length > 1 ? '; …' : ''})`);
      }
    });
}
