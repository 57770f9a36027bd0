import { BEGINNING } from '@app/event-store';
import { ApiError } from '../http/api-error';
import { encodeCursor } from './cursor';
import { parseEventsQuery, type RawQuery } from './events-query';

const problemFields = (query: RawQuery): string[] => {
  try {
    parseEventsQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).fields.map((field) => field.name);
  }
  throw new Error('expected a 400');
};

describe('parseEventsQuery', () => {
  it('defaults to the beginning, 100 per page, no filter', () => {
    expect(parseEventsQuery({})).toEqual({ after: BEGINNING, limit: 100, filter: {} });
  });

  it('reads every parameter', () => {
    const after = { transactionId: 9n, position: 41n };
    const query = parseEventsQuery({
      after: encodeCursor(after),
      limit: '1000',
      types: 'WireReportReceived, ReportCoded',
      stream: 'report-a-1',
      from: '2024-01-18T00:00:00Z',
      until: '2024-01-19T05:00:00+05:00',
    });
    expect(query).toEqual({
      after,
      limit: 1000,
      filter: {
        types: ['WireReportReceived', 'ReportCoded'],
        streamId: 'report-a-1',
        from: new Date('2024-01-18T00:00:00Z'),
        until: new Date('2024-01-19T00:00:00Z'),
      },
    });
  });

  it('takes a stream ending in * as a prefix', () => {
    expect(parseEventsQuery({ stream: 'report-*' }).filter).toEqual({ streamPrefix: 'report-' });
  });

  it.each([
    [{ after: 'garbage' }, ['after']],
    [{ limit: '0' }, ['limit']],
    [{ limit: '1001' }, ['limit']],
    [{ limit: '12abc' }, ['limit']],
    [{ limit: ['1', '2'] }, ['limit']],
    [{ types: 'ReportCoded,,' }, ['types']],
    [{ types: 'bad type' }, ['types']],
    [{ stream: 'has space' }, ['stream']],
    [{ from: 'yesterday' }, ['from']],
    [{ from: '2024-01-18' }, ['from']],
    [{ until: '2024-02-30T00:00:00Z' }, ['until']],
    [{ from: '2024-01-19T00:00:00Z', until: '2024-01-18T00:00:00Z' }, ['until']],
    [{ after: 'x', limit: '-1', from: 'nope' }, ['after', 'limit', 'from']],
  ] as [RawQuery, string[]][])('answers 400 naming the field for %p', (query, fields) => {
    expect(problemFields(query)).toEqual(fields);
  });
});
