import { EventStreamParser, type StreamMessage } from './sse';

describe('EventStreamParser (text/event-stream)', () => {
  const parse = (chunks: string[]) => {
    const messages: StreamMessage[] = [];
    const parser = new EventStreamParser((message) => messages.push(message));
    for (const chunk of chunks) parser.push(chunk);
    return { messages, parser };
  };

  it('dispatches named events with their id on a blank line', () => {
    const { messages } = parse(['id: 7\nevent: dyad\ndata: {"dyad":"IRN-PAK"}\n\n']);
    expect(messages).toEqual([{ event: 'dyad', data: '{"dyad":"IRN-PAK"}', id: '7' }]);
  });

  it('joins data lines, ignores comments, defaults the event name to message', () => {
    const { messages } = parse([': keep-alive\n\ndata: a\ndata: b\n\n']);
    expect(messages).toEqual([{ event: 'message', data: 'a\nb', id: null }]);
  });

  it('reads messages split anywhere across chunks, with CRLF, LF or CR line ends', () => {
    const text = 'event: mediation-offer\r\ndata: {"offerId":"CHN:IRN-PAK"}\r\nid: 9\r\n\r\nevent: dyad\rdata: x\r\r\n';
    for (let split = 1; split < text.length; split++) {
      const { messages } = parse([text.slice(0, split), text.slice(split)]);
      expect(messages).toEqual([
        { event: 'mediation-offer', data: '{"offerId":"CHN:IRN-PAK"}', id: '9' },
        { event: 'dyad', data: 'x', id: '9' },
      ]);
    }
  });

  it('keeps the last event id for reconnection and reads the retry interval', () => {
    const { parser, messages } = parse(['retry: 2500\nid: 41\n\n', 'data: no id of its own\n\n']);
    expect(parser.retryMs).toBe(2500);
    expect(parser.lastEventId).toBe('41');
    expect(messages).toEqual([{ event: 'message', data: 'no id of its own', id: '41' }]);
  });

  it('does not dispatch a message without data', () => {
    expect(parse(['event: dyad\n\n']).messages).toEqual([]);
  });
});
