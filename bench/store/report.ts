import type { CandidateName, Workload } from './workloads';

export interface Spread {
  min: number;
  median: number;
  max: number;
  rounds: number[];
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], rounds: values };
}

export interface WorkloadFigures {
  workload: Workload;
  results: Record<CandidateName, Spread>;
  wirewatchVsEmmett: number;
  wirewatchVsBare: number;
  emmettVsBare: number;
}

export function figuresOf(workload: Workload, rates: Record<CandidateName, number[]>): WorkloadFigures {
  const results = { wirewatch: spread(rates.wirewatch), emmett: spread(rates.emmett), bare: spread(rates.bare) };
  return {
    workload,
    results,
    wirewatchVsEmmett: results.wirewatch.median / results.emmett.median,
    wirewatchVsBare: results.wirewatch.median / results.bare.median,
    emmettVsBare: results.emmett.median / results.bare.median,
  };
}

const number = (value: number): string => Math.round(value).toLocaleString('en-US');
const cell = (s: Spread): string => `${number(s.min)} / **${number(s.median)}** / ${number(s.max)}`;

export function markdownTable(rows: WorkloadFigures[]): string {
  const lines = [
    '| workload | Wirewatch | Emmett `appendToStream` | bare unnest INSERT | WW / Emmett | WW / bare |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.workload.label} | ${cell(row.results.wirewatch)} | ${cell(row.results.emmett)} | ${cell(row.results.bare)} | ` +
        `${row.wirewatchVsEmmett.toFixed(2)} | ${row.wirewatchVsBare.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}
