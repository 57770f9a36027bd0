import { codeText } from '../testing/code-text';
import { tokenize } from '../text/tokenize';
import { findCasualties } from './casualties';
import { parseNumberPhrase } from './numbers';

describe('number phrases', () => {
  it.each([
    ['at least seven', 7, 'at_least'], ['more than 300', 300, 'at_least'], ['nearly 40', 40, 'approx'], ['about 12', 12, 'approx'],
    ['around twenty-five', 25, 'approx'], ['26', 26, 'exact'], ['two hundred', 200, 'exact'], ['1,200', 1200, 'exact'],
    ['several', null, 'unspecified'], ['dozens', null, 'unspecified'], ['a number of', null, 'unspecified'], ['a dozen', 12, 'approx'],
  ])('%j → %s %s', (text, count, qualifier) => {
    expect(parseNumberPhrase(tokenize(text), 0)).toMatchObject({ count, qualifier });
  });

  it.each([['7-year-old'], ['99%'], ['1999'], ['3:35']])('%j is not a count', (text) => {
    expect(parseNumberPhrase(tokenize(text), 0)).toBeNull();
  });
});

describe('casualty mentions', () => {
  it.each([
    ['The strike killed two children and injured three girls.', [['killed', 2], ['injured', 3]]],
    ['At least nine people - four children, three women and two men - were killed.', [['killed', 9]]],
    ['26 civilians had been killed and 46 wounded.', [['killed', 26], ['injured', 46]]],
    ['The shelling left 14 soldiers dead.', [['killed', 14]]],
    ['The attack claimed the lives of two Pakistanis.', [['killed', 2]]],
    ['Several militants were killed.', [['killed', null]]],
    ['Fighters killed 15 civilians on the border and wounded 43.', [['killed', 15], ['injured', 43]]],
    ['The army fired 200 shells at nine sites.', []],
  ])('%j', (text, expected) => {
    expect(findCasualties(tokenize(text)).map((c) => [c.kind, c.count])).toEqual(expected);
  });
});

describe('casualties in coded strikes', () => {
  it('keeps one claim per claimant, the largest, and says who claims it', () => {
    const [strike] = codeText(
      'Rwandan troops shelled Congolese army positions near Goma on Thursday, killing 12 soldiers, Kinshasa said. According to Kinshasa, the shelling by Rwanda killed at least 30 people. Rwandan officials said only four people died in the shelling by Rwanda.',
    ).filter((e) => e.category === 'STRIKE');
    expect(strike.fatalities).toEqual([
      { count: 30, qualifier: 'at_least', claimedBy: 'COD' },
      { count: 4, qualifier: 'exact', claimedBy: 'RWA' },
    ]);
  });

  it('attaches figures in a following sentence to the strike in focus', () => {
    const [strike] = codeText('Azerbaijani drones struck an Armenian army post near Jermuk overnight. Two servicemen were killed and five wounded, the Armenian defence ministry said.').filter((e) => e.category === 'STRIKE');
    expect(strike.fatalities).toEqual([{ count: 2, qualifier: 'exact', claimedBy: 'ARM' }]);
    expect(strike.injuries).toEqual([{ count: 5, qualifier: 'exact', claimedBy: 'ARM' }]);
  });

  it('does not give a strike the dead of an attack by gunmen', () => {
    const [strike] = codeText('India struck sites in Pakistan on Wednesday. Last month gunmen killed 26 tourists in Kashmir.', '2025-05-07T19:00:00+05:00').filter((e) => e.category === 'STRIKE');
    expect(strike.fatalities).toEqual([]);
  });
});
