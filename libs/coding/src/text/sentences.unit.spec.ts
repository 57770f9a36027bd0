import { splitSentences, stripDateline } from './sentences';

describe('sentences', () => {
  it.each([
    ['ISLAMABAD, Jan 17 (Asia Wire) - Pakistan said so.', 'Pakistan said so.'],
    ['KINGSTOWN, St. Vincent and the Grenadines, Dec 14 (Pan-American Wire) - The talks began.', 'The talks began.'],
    ['ADDIS ABABA (Fixture Wire) — Ethiopia said so.', 'Ethiopia said so.'],
    ['Ethiopia said so.', 'Ethiopia said so.'],
  ])('strips the dateline of %j', (body, expected) => {
    expect(stripDateline(body)).toBe(expected);
  });

  it.each([
    ['U.S. President Joe Biden spoke. He left.', 2],
    ['They met on Jan. 16 in St. Petersburg. Talks ended.', 2],
    ['"We will respond," she said. Nothing else.', 2],
    ['First paragraph\n\nSecond paragraph', 2],
    ['The U.N. Security Council met at 3 p.m. Tuesday. It ended.', 2],
  ])('splits %j into %i sentences', (body, count) => {
    expect(splitSentences(body)).toHaveLength(count);
  });

  it('numbers sentences across paragraphs', () => {
    expect(splitSentences('A b. C d.\n\nE f.').map((s) => s.index)).toEqual([0, 1, 2]);
  });
});
