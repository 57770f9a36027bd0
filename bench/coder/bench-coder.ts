import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODER_VERSION, code } from '@app/coding';
import type { WireReport } from '@app/contracts';
import { splitSentences } from '../../libs/coding/src/text/sentences';
import { tokenize } from '../../libs/coding/src/text/tokenize';
import { generateReports } from './report-generator';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 6000);
const ROUNDS = 3;

interface Measure {
  name: string;
  seconds: number;
  reportsPerSecond: number;
  megabytesPerSecond: number;
  sentencesPerSecond: number;
  events: number;
}

// The named baseline: splitting and tokenizing only, the floor any coder pays before it reads a word.
function tokenizeOnly(report: WireReport): number {
  let tokens = 0;
  for (const sentence of splitSentences(report.body)) tokens += tokenize(sentence.text).length;
  return tokens;
}

function measure(name: string, reports: readonly WireReport[], megabytes: number, sentences: number, run: (report: WireReport) => number): Measure {
  for (const report of reports.slice(0, 200)) run(report);
  let best = Infinity;
  let events = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    events = 0;
    for (const report of reports) events += run(report);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return { name, seconds: best, reportsPerSecond: reports.length / best, megabytesPerSecond: megabytes / best, sentencesPerSecond: sentences / best, events };
}

function main(): void {
  const reports = generateReports(REPORTS);
  const bytes = reports.reduce((sum, report) => sum + Buffer.byteLength(report.body, 'utf8'), 0);
  const megabytes = bytes / 1e6;
  const sentences = reports.reduce((sum, report) => sum + splitSentences(report.body).length, 0);
  const baseline = measure('baseline: split + tokenize only', reports, megabytes, sentences, tokenizeOnly);
  const coder = measure(`coder ${CODER_VERSION}`, reports, megabytes, sentences, (report) => code(report).length);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const rows = [baseline, coder].map((m) =>
    `${m.name.padEnd(34)} ${m.reportsPerSecond.toFixed(0).padStart(9)} ${m.megabytesPerSecond.toFixed(2).padStart(8)} ${m.sentencesPerSecond.toFixed(0).padStart(11)} ${m.seconds.toFixed(3).padStart(8)}`);
  process.stdout.write([
    `reports: ${reports.length}, body text: ${megabytes.toFixed(2)} MB, sentences: ${sentences}, one core, best of ${ROUNDS} rounds`,
    `${'run'.padEnd(34)} ${'reports/s'.padStart(9)} ${'MB/s'.padStart(8)} ${'sentences/s'.padStart(11)} ${'seconds'.padStart(8)}`,
    ...rows,
    `coder time / baseline time: ${(coder.seconds / baseline.seconds).toFixed(1)}x; events coded: ${coder.events}`,
    `peak RSS: ${peakRssMb.toFixed(0)} MB; target ≥ 2 MB/s: ${coder.megabytesPerSecond >= 2 ? 'met' : 'NOT met'}`,
  ].join('\n') + '\n');
  const out = join(__dirname, '..', '..', '..', 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'coder.json'), `${JSON.stringify({
    coderVersion: CODER_VERSION, reports: reports.length, megabytes, sentences, rounds: ROUNDS, node: process.version,
    baseline, coder, ratioToBaseline: coder.seconds / baseline.seconds, peakRssMb, targetMegabytesPerSecond: 2,
  }, null, 2)}\n`);
}

main();
