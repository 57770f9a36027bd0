import { messageForLine } from './publish.command';

describe('messageForLine', () => {
  it('keys a report by its reportId and sends the line untouched', () => {
    const line = '{"reportId":"r-9","body":"x"}';
    expect(messageForLine(line)).toEqual({ key: 'r-9', value: line });
  });

  it('sends a line that is not a report as it is, without a key, for ingest to dead-letter', () => {
    expect(messageForLine('not json')).toEqual({ key: null, value: 'not json' });
    expect(messageForLine('{"reportId": 7}')).toEqual({ key: null, value: '{"reportId": 7}' });
  });
});
