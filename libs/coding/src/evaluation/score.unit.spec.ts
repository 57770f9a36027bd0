import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodedEvent } from '@app/contracts';
import { code } from '../code';
import { formatEvaluation } from './format';
import { parseLabelledFile, parseLabelledLine, type ExpectedEvent } from './labelled';
import { matchReport } from './match';
import { evaluate } from './score';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', '..', 'test-fixtures', name), 'utf8');

function produced(partial: Partial<CodedEvent> & Pick<CodedEvent, 'category'>): CodedEvent {
  return {
    eventId: 'e', reportId: 'r', cameo: '190', goldstein: -10, source: { actor: 'ERI', text: 'Eritrea' }, occurredOn: '2026-03-10',
    fatalities: [], injuries: [], conditions: [], speakers: [], evidence: { sentence: 0, text: '' }, confidence: 0.9, ...partial,
  };
}

describe('matching (SPEC §7)', () => {
  it('pairs equal dates first, each expected at most once', () => {
    const events = [
      produced({ category: 'STRIKE', target: { actor: 'ETH', text: 'Ethiopia' }, occurredOn: '2026-03-11' }),
      produced({ category: 'STRIKE', target: { actor: 'ETH', text: 'Ethiopia' }, occurredOn: '2026-03-10' }),
    ];
    const expected: ExpectedEvent[] = [{ category: 'STRIKE', source: 'ERI', target: 'ETH', occurredOn: '2026-03-10' }];
    const match = matchReport(events, expected);
    expect(match.pairs).toHaveLength(1);
    expect(match.pairs[0].produced.occurredOn).toBe('2026-03-10');
    expect(match.unmatchedProduced).toHaveLength(1);
  });

  it('ignores the source of TALKS and CEASEFIRE and compares parties as sets', () => {
    const events = [produced({ category: 'TALKS', source: { actor: 'THA', text: 'Thailand' }, parties: ['KHM', 'THA'] })];
    expect(matchReport(events, [{ category: 'TALKS', source: 'KHM', parties: ['THA', 'KHM'] }]).pairs).toHaveLength(1);
  });

  it('compares the source of every other category', () => {
    const events = [produced({ category: 'APPEAL_FOR_RESTRAINT', source: { actor: 'QAT', text: 'Qatar' }, parties: ['ERI', 'ETH'] })];
    expect(matchReport(events, [{ category: 'APPEAL_FOR_RESTRAINT', source: 'KEN', parties: ['ERI', 'ETH'] }]).pairs).toHaveLength(0);
  });
});

describe('scores', () => {
  it('computes micro P/R/F1, per category counts, and STRIKE accuracies', () => {
    const strike = produced({ category: 'STRIKE', target: { actor: 'ETH', text: 'Ethiopia' }, fatalities: [{ count: 14, qualifier: 'at_least', claimedBy: null }] });
    const extra = produced({ category: 'THREAT', target: { actor: 'ETH', text: 'Ethiopia' } });
    const result = evaluate([{ produced: [strike, extra], expected: [{ category: 'STRIKE', source: 'ERI', target: 'ETH', occurredOn: '2026-03-11', fatalities: 14 }, { category: 'CONDEMNATION', source: 'ETH', target: 'ERI' }] }]);
    expect(result.micro).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(result.perCategory.find((s) => s.category === 'STRIKE')).toMatchObject({ precision: 1, recall: 1 });
    expect(result.strikeDate).toEqual({ correct: 0, total: 1, accuracy: 0 });
    expect(result.strikeFatalities).toEqual({ correct: 1, total: 1, accuracy: 1 });
  });

  it('scores the coder end to end on a small labelled file', () => {
    const labelled = parseLabelledFile(fixture('eval-mini.ndjson'));
    const result = evaluate(labelled.map((item) => ({ produced: code(item.report), expected: item.expected })));
    expect(result.reports).toBe(2);
    expect(result.micro.truePositives).toBe(4);
    expect(result.micro.falseNegatives).toBe(1);
    expect(result.strikeDate.accuracy).toBe(1);
    expect(result.strikeFatalities.accuracy).toBe(1);
    const table = formatEvaluation(result);
    expect(table).toMatch(/micro F1/);
    expect(table).toMatch(/STRIKE date accuracy\s+1\.000/);
  });

  it.each([['holdout.ndjson'], ['holdout2.ndjson'], ['holdout3.ndjson'], ['holdout4.ndjson'], ['holdout5.ndjson'], ['holdout6.ndjson'], ['holdout7.ndjson'], ['holdout8.ndjson']])('keeps the coder accurate on its own reports of other crises (%s)', (file) => {
    const labelled = parseLabelledFile(fixture(file));
    const result = evaluate(labelled.map((item) => ({ produced: code(item.report), expected: item.expected })));
    expect(result.micro.f1).toBeGreaterThanOrEqual(0.9);
    expect(result.strikeDate.accuracy ?? 1).toBeGreaterThanOrEqual(0.9);
  });
});

describe('labelled files', () => {
  it.each([
    ['{"report": {}, "expected": []}', /report/],
    ['{"report": {"reportId":"a","source":"s","publishedAt":"2026-01-01T00:00:00Z","body":"x"}, "expected": [{"category":"NOPE","source":"A"}]}', /expected/],
    ['not json', /JSON/],
  ])('rejects %j', (line, message) => {
    expect(() => parseLabelledLine(line)).toThrow(message);
  });

  it('names the line of a bad record', () => {
    expect(() => parseLabelledFile('\n{"report": {}, "expected": []}\n')).toThrow(/^line 2:/);
  });
});
