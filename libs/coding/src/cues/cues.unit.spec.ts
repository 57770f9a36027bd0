import cueData from '../dictionaries/cues.json';
import { startLiterals } from './cues';

describe('startLiterals', () => {
  it.each([
    ['\\b(?:struck|bombed)\\b', ['struck', 'bombed']],
    ['\\bfired\\b(?:\\s+\\S+){0,5}?\\s+at\\b|\\bopened fire (?:on|at)\\b', ['fired', 'opened fire ']],
    ['\\b(?:air ?strikes?|harbou?rs?)\\b', ['air', 'harbo']],
    ['\\bact of (?:war|aggression)\\b|\\b(?:naked|open)\\s+aggression\\b', ['act of ', 'naked', 'open']],
    ['(?<!\\b(?:be|was)\\s)\\bmet\\b', ['met']],
  ])('reads what every match of %j starts with', (pattern, expected) => {
    expect(startLiterals(pattern)).toEqual(expected);
  });

  it.each([
    ['\\b(?:completely|utterly)?\\s*unacceptable\\b'],
    ['-(?:brokered|mediated)\\b'],
    ['\\b\\w+ly\\s+struck\\b'],
    ['\\b[a-z]+ed\\b'],
  ])('says nothing of %j, which may start otherwise', (pattern) => {
    expect(startLiterals(pattern)).toBeNull();
  });

  // The literals only narrow where a cue is tried: wherever a cue matches, it must start with one of them.
  it('holds for every cue on text that matches it', () => {
    const texts = [
      'Armenia and Azerbaijan attacked each other on Monday, and the border post was hit by drones from Baku.',
      'Iran warned of serious consequences and said it reserves the right to respond at a time of its choosing.',
      'India accused Pakistan of shelling and blamed it for harbouring militants; Delhi recalled its envoy.',
      'Qatar offered to mediate and said it was willing to host talks; both sides agreed to a ceasefire brokered by Turkey.',
      'The ministers met their counterparts and held talks, and signed a peace agreement, with the mediation of Norway.',
    ];
    for (const cue of cueData.cues) {
      const literals = startLiterals(cue.pattern);
      if (!literals) continue;
      const pattern = new RegExp(cue.pattern, 'gi');
      for (const text of texts) {
        for (const match of text.matchAll(pattern)) {
          expect(literals.some((literal) => match[0].toLowerCase().startsWith(literal))).toBe(true);
        }
      }
    }
  });
});
