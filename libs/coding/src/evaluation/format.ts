import type { Accuracy, Evaluation, Score } from './score';

const pct = (value: number | null): string => (value === null ? '   n/a' : value.toFixed(3).padStart(6));
const num = (value: number): string => String(value).padStart(4);

function row(label: string, score: Score): string {
  return `${label.padEnd(22)} ${pct(score.precision)} ${pct(score.recall)} ${pct(score.f1)} ${num(score.truePositives)} ${num(score.falsePositives)} ${num(score.falseNegatives)}`;
}

const accuracyLine = (label: string, accuracy: Accuracy): string => `${label.padEnd(22)} ${pct(accuracy.accuracy)}  (${accuracy.correct}/${accuracy.total})`;

/** The evaluation as a plain-text table for a terminal. */
export function formatEvaluation(evaluation: Evaluation): string {
  const lines = [
    `reports: ${evaluation.reports}`,
    `${'category'.padEnd(22)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)}`,
    ...evaluation.perCategory.filter((s) => s.truePositives + s.falsePositives + s.falseNegatives > 0).map((s) => row(s.category, s)),
    row('overall (micro F1)', evaluation.micro),
    accuracyLine('STRIKE date accuracy', evaluation.strikeDate),
    accuracyLine('fatalities accuracy', evaluation.strikeFatalities),
  ];
  return `${lines.join('\n')}\n`;
}
