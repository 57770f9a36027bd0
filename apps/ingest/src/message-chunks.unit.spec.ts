import { chunksOf } from './message-chunks';

const messages = (...sizes: number[]) => sizes.map((size, index) => ({ id: index, value: Buffer.alloc(size) }));
const ids = (chunks: Iterable<{ id: number }[]>) => [...chunks].map((chunk) => chunk.map((message) => message.id));

describe('chunksOf', () => {
  it('keeps order and caps the count', () => {
    expect(ids(chunksOf(messages(1, 1, 1, 1, 1), 2, 100))).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('caps the bytes, but always takes at least one message', () => {
    expect(ids(chunksOf(messages(40, 40, 40, 500, 10), 10, 100))).toEqual([[0, 1], [2], [3], [4]]);
  });

  it('yields nothing for an empty batch', () => {
    expect(ids(chunksOf([], 10, 10))).toEqual([]);
  });
});
