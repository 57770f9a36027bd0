import type { CodedEvent, WireReport } from '@app/contracts';
import { decideRecoding, type RecodingCoder } from './recoding';
import { stableJson } from './stable-json';

const report: WireReport = { reportId: 'r-1', source: 'Wire', publishedAt: '2024-01-18T11:30:00+05:00', body: 'text' };
const event = (eventId: string, extra: Record<string, unknown> = {}) => ({ eventId, reportId: 'r-1', category: 'THREAT', ...extra }) as unknown as CodedEvent;
const coder = (version: string, events: CodedEvent[], codable = true): RecodingCoder => ({ version, isCodable: () => codable, code: () => events });
const stored = (coderVersion: string, events: CodedEvent[], eventId = 'coding-1') => ({ eventId, data: { reportId: 'r-1', coderVersion, events } });

describe('decideRecoding', () => {
  it('appends when the coder version differs, even with the same events', () => {
    const decision = decideRecoding(report, stored('1.0.0', [event('a')]), coder('1.1.0', [event('a')]));
    expect(decision).toMatchObject({ kind: 'append', coding: { reportId: 'r-1', coderVersion: '1.1.0', events: [event('a')] } });
  });

  it('appends when the events differ under the same version', () => {
    expect(decideRecoding(report, stored('1.0.0', [event('a')]), coder('1.0.0', [event('b')])).kind).toBe('append');
  });

  it('leaves a report alone when version and events are the same, whatever the key order', () => {
    const reordered = { category: 'THREAT', reportId: 'r-1', eventId: 'a' } as unknown as CodedEvent;
    expect(decideRecoding(report, stored('1.0.0', [event('a')]), coder('1.0.0', [reordered]))).toEqual({ kind: 'unchanged' });
  });

  it('codes a report never coded', () => {
    expect(decideRecoding(report, null, coder('1.0.0', []))).toMatchObject({ kind: 'append', coding: { events: [] } });
  });

  it('marks a report the coder cannot read as skipped, and keeps supersedes', () => {
    const decision = decideRecoding({ ...report, supersedes: 'r-0' }, stored('0.9.0', [event('a')]), coder('1.0.0', [], false));
    expect(decision).toMatchObject({ kind: 'append', coding: { skipped: 'unsupported_language', events: [], supersedes: 'r-0' } });
  });

  it('keeps the stored coding when the coder fails', () => {
    const failing: RecodingCoder = { version: '2.0.0', isCodable: () => true, code: () => { throw new Error('boom'); } };
    expect(decideRecoding(report, stored('1.0.0', [event('a')]), failing)).toEqual({ kind: 'failed', error: 'boom' });
  });

  it('keys the append by the transition, so the same change is stored once and a later change again', () => {
    const first = decideRecoding(report, stored('1.0.0', [event('a')], 'coding-1'), coder('1.1.0', [event('b')]));
    const again = decideRecoding(report, stored('1.0.0', [event('a')], 'coding-1'), coder('1.1.0', [event('b')]));
    const back = decideRecoding(report, stored('1.1.0', [event('b')], 'coding-2'), coder('1.0.0', [event('a')]));
    expect(first.kind === 'append' && again.kind === 'append' && first.idempotencyKey === again.idempotencyKey).toBe(true);
    expect(back.kind === 'append' && first.kind === 'append' && back.idempotencyKey !== first.idempotencyKey).toBe(true);
  });
});

describe('stableJson', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(stableJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"f":2}]},"b":1}');
  });
});
