import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
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
  /** Wall-clock seconds of the best round. */
  seconds: number;
  /** CPU seconds (user + system) of the same round: what one core spent, whatever else the machine ran. */
  cpuSeconds: number;
  reportsPerSecond: number;
  megabytesPerSecond: number;
  megabytesPerCpuSecond: number;
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
  let bestCpu = Infinity;
  let events = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    events = 0;
    for (const report of reports) events += run(report);
    const used = process.cpuUsage(cpu);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1e6);
  }
  return {
    name, seconds: best, cpuSeconds: bestCpu, reportsPerSecond: reports.length / best, megabytesPerSecond: megabytes / best,
    megabytesPerCpuSecond: megabytes / bestCpu, sentencesPerSecond: sentences / best, events,
  };
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
    `${m.name.padEnd(34)} ${m.reportsPerSecond.toFixed(0).padStart(9)} ${m.megabytesPerSecond.toFixed(2).padStart(8)} ${m.megabytesPerCpuSecond.toFixed(2).padStart(10)} ${m.sentencesPerSecond.toFixed(0).padStart(11)} ${m.seconds.toFixed(3).padStart(8)}`);
  const perCore = coder.megabytesPerCpuSecond;
  process.stdout.write([
    `reports: ${reports.length}, body text: ${megabytes.toFixed(2)} MB, sentences: ${sentences}, one thread, best of ${ROUNDS} rounds, load average ${loadavg()[0].toFixed(1)}`,
    `${'run'.padEnd(34)} ${'reports/s'.padStart(9)} ${'MB/s'.padStart(8)} ${'MB/cpu-s'.padStart(10)} ${'sentences/s'.padStart(11)} ${'seconds'.padStart(8)}`,
    ...rows,
    `coder / baseline: ${(coder.seconds / baseline.seconds).toFixed(1)}x wall, ${(coder.cpuSeconds / baseline.cpuSeconds).toFixed(1)}x cpu; events coded: ${coder.events}`,
    `peak RSS: ${peakRssMb.toFixed(0)} MB; target ≥ 2 MB/s per core: ${perCore >= 2 ? 'met' : 'NOT met'} (${perCore.toFixed(2)} MB per CPU-second)`,
  ].join('\n') + '\n');
  const out = join(__dirname, '..', '..', '..', 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'coder.json'), `${JSON.stringify({
    coderVersion: CODER_VERSION, reports: reports.length, megabytes, sentences, rounds: ROUNDS, node: process.version, loadAverage: loadavg(),
    baseline, coder, ratioToBaseline: coder.seconds / baseline.seconds, peakRssMb, targetMegabytesPerSecond: 2,
  }, null, 2)}\n`);
}

main();
