import { CATEGORIES, type Category, type CodedEvent } from '@app/contracts';
import type { ExpectedEvent } from './labelled';
import { largestFatalities, matchReport, type ReportMatch } from './match';

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Score extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface Accuracy {
  correct: number;
  total: number;
  accuracy: number | null;
}

export interface Evaluation {
  reports: number;
  micro: Score;
  perCategory: Array<Score & { category: Category }>;
  strikeDate: Accuracy;
  strikeFatalities: Accuracy;
}

export interface ScoredReport {
  produced: readonly CodedEvent[];
  expected: readonly ExpectedEvent[];
}

export function scoreOf(counts: Counts): Score {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts;
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}

const accuracyOf = (correct: number, total: number): Accuracy => ({ correct, total, accuracy: total === 0 ? null : correct / total });

/** Scores the coder over labelled reports (SPEC §7): micro P/R/F1 overall and per category, STRIKE date and fatality accuracy. */
export function evaluate(reports: readonly ScoredReport[]): Evaluation {
  const counts = new Map<Category, Counts>(CATEGORIES.map((category) => [category, { truePositives: 0, falsePositives: 0, falseNegatives: 0 }]));
  let dates = { correct: 0, total: 0 };
  let fatalities = { correct: 0, total: 0 };
  for (const report of reports) {
    const match: ReportMatch = matchReport(report.produced, report.expected);
    for (const pair of match.pairs) {
      (counts.get(pair.expected.category) as Counts).truePositives++;
      if (pair.expected.category !== 'STRIKE') continue;
      if (pair.expected.occurredOn !== undefined) dates = tally(dates, pair.produced.occurredOn === pair.expected.occurredOn);
      if (pair.expected.fatalities !== undefined) fatalities = tally(fatalities, largestFatalities(pair.produced) === pair.expected.fatalities);
    }
    for (const event of match.unmatchedProduced) (counts.get(event.category) as Counts).falsePositives++;
    for (const event of match.unmatchedExpected) (counts.get(event.category) as Counts).falseNegatives++;
  }
  const total = [...counts.values()].reduce<Counts>((sum, c) => ({
    truePositives: sum.truePositives + c.truePositives,
    falsePositives: sum.falsePositives + c.falsePositives,
    falseNegatives: sum.falseNegatives + c.falseNegatives,
  }), { truePositives: 0, falsePositives: 0, falseNegatives: 0 });
  return {
    reports: reports.length,
    micro: scoreOf(total),
    perCategory: CATEGORIES.map((category) => ({ category, ...scoreOf(counts.get(category) as Counts) })),
    strikeDate: accuracyOf(dates.correct, dates.total),
    strikeFatalities: accuracyOf(fatalities.correct, fatalities.total),
  };
}

function tally(running: { correct: number; total: number }, correct: boolean): { correct: number; total: number } {
  return { correct: running.correct + (correct ? 1 : 0), total: running.total + 1 };
}
