import { inBatches } from './batches';
import { isReplayTopic, parseInstant, parseReplayRequest } from './replay-request';

describe('replay topic names', () => {
  it.each(['replay.a', 'replay.analysis-2024', 'replay.0.x_y-z', `replay.a${'b'.repeat(100)}`])('accepts %s', (topic) => {
    expect(isReplayTopic(topic)).toBe(true);
  });

  it.each(['replay.', 'replay.-a', 'replay._a', 'replay.A', 'replay.a b', 'replays.a', 'wire-reports.v1', `replay.a${'b'.repeat(101)}`, 7])(
    'refuses %p',
    (topic) => expect(isReplayTopic(topic)).toBe(false),
  );
});

describe('parseReplayRequest', () => {
  it('reads a topic replay with its selection', () => {
    expect(parseReplayRequest({ kind: 'topic', topic: 'replay.t', from: '2024-01-01T00:00:00Z', until: '2024-02-01T00:00:00+01:00', types: ['ReportCoded'] })).toEqual({
      ok: true,
      request: {
        kind: 'topic',
        topic: 'replay.t',
        selection: { from: new Date('2024-01-01T00:00:00Z'), until: new Date('2024-01-31T23:00:00Z'), types: ['ReportCoded'] },
      },
    });
  });

  it('takes types as a comma-separated string too (the CLI form)', () => {
    expect(parseReplayRequest({ kind: 'topic', topic: 'replay.t', types: 'A,B' })).toMatchObject({ ok: true, request: { selection: { types: ['A', 'B'] } } });
  });

  it('reads a rebuild', () => {
    expect(parseReplayRequest({ kind: 'rebuild', projection: 'read-models' })).toEqual({ ok: true, request: { kind: 'rebuild', projection: 'read-models' } });
  });

  it('reads a re-coding, with or without a range of receipt times', () => {
    expect(parseReplayRequest({ kind: 'recode' })).toEqual({ ok: true, request: { kind: 'recode', range: {} } });
    expect(parseReplayRequest({ kind: 'recode', from: '2024-01-01T00:00:00Z', until: '2024-02-01T00:00:00Z' })).toEqual({
      ok: true,
      request: { kind: 'recode', range: { from: new Date('2024-01-01T00:00:00Z'), until: new Date('2024-02-01T00:00:00Z') } },
    });
  });

  it.each([
    [null, ['body']],
    [[], ['body']],
    [{}, ['kind']],
    [{ kind: 'rebuild' }, ['projection']],
    [{ kind: 'topic' }, ['topic']],
    [{ kind: 'topic', topic: 'alerts.escalation.v1' }, ['topic']],
    [{ kind: 'topic', topic: 'replay.t', types: [] }, ['types']],
    [{ kind: 'topic', topic: 'replay.t', types: ['ok', 'not ok'] }, ['types']],
    [{ kind: 'topic', topic: 'replay.t', from: 'yesterday', until: 5 }, ['from', 'until']],
    [{ kind: 'topic', topic: 'replay.t', from: '2024-02-02T00:00:00Z', until: '2024-02-01T00:00:00Z' }, ['until']],
    [{ kind: 'recode', from: 'last week' }, ['from']],
    [{ kind: 'recode', until: '2024-01-01T00:00:00Z', from: '2024-02-01T00:00:00Z' }, ['until']],
    [{ kind: 'recode', topic: 'replay.t', types: ['ReportCoded'] }, ['topic', 'types']],
    [{ kind: 'recoding' }, ['kind']],
  ])('names the bad fields of %p', (body, fields) => {
    const parsed = parseReplayRequest(body);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems.map((problem) => problem.name)).toEqual(fields);
  });

  it('parses instants only on real calendar dates', () => {
    expect(parseInstant('2024-02-29T00:00:00Z')).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(parseInstant('2023-02-29T00:00:00Z')).toBeNull();
    expect(parseInstant('2024-01-18')).toBeNull();
  });
});

describe('inBatches', () => {
  const size = (text: string) => text.length;

  it('keeps order and respects both limits', () => {
    expect(inBatches(['a', 'b', 'c', 'd', 'e'], size, 2, 100)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(inBatches(['aaa', 'bb', 'c', 'dddd'], size, 10, 5)).toEqual([['aaa', 'bb'], ['c', 'dddd']]);
  });

  it('sends an item larger than the byte limit alone', () => {
    expect(inBatches(['a', 'x'.repeat(10), 'b'], size, 10, 5)).toEqual([['a'], ['x'.repeat(10)], ['b']]);
  });

  it('gives nothing for nothing', () => {
    expect(inBatches([], size)).toEqual([]);
  });
});
