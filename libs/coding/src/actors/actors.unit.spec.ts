import { codeText } from '../testing/code-text';
import { tokenize } from '../text/tokenize';
import { findMentions } from './mentions';

const actorsIn = (text: string): Array<string | null> => findMentions(text, tokenize(text)).filter((m) => m.kind !== 'pronoun' && m.kind !== 'institution' && m.kind !== 'dyad').map((m) => m.actor);

describe('actor names', () => {
  it.each([
    ['the Kremlin said', 'RUS'], ['the White House said', 'USA'], ['the Pentagon said', 'USA'], ['Downing Street said', 'GBR'],
    ['Foggy Bottom said', 'USA'], ['Tehran said', 'IRN'], ['Islamabad said', 'PAK'], ['New Delhi said', 'IND'], ['Kinshasa said', 'COD'],
    ['Kigali said', 'RWA'], ['Asmara said', 'ERI'], ['Baku said', 'AZE'], ['Yerevan said', 'ARM'], ['Phnom Penh said', 'KHM'],
    ['Pakistani officials said', 'PAK'], ['Eritrean troops', 'ERI'], ['Azerbaijani forces', 'AZE'], ['the Democratic Republic of Congo', 'COD'],
    ['St. Vincent and the Grenadines', 'VCT'], ['Türkiye said', 'TUR'], ['Turkey said', 'TUR'], ['the UAE said', 'ARE'], ['Britain said', 'GBR'],
    ['U.S. officials', 'USA'], ['South Sudan said', 'SSD'], ['Sudan said', 'SDN'], ['Papua New Guinea said', 'PNG'], ['Israelis', 'ISR'],
    ['Prime Minister Anwar Ibrahim said', 'MYS'], ['Nikol Pashinyan said', 'ARM'], ['Vladimir Putin said', 'RUS'],
  ])('%j names %s', (text, code) => {
    expect(actorsIn(text)).toContain(code);
  });

  it.each([['the United Nations said'], ['the G7 said'], ['Hamas said'], ['the European Union said'], ['M23 rebels said']])('%j is not a state', (text) => {
    expect(actorsIn(text).every((actor) => actor === null)).toBe(true);
  });

  it('ignores lower-case words that spell a capital', () => {
    expect(actorsIn('a male soldier in victoria park')).toEqual([]);
  });
});

describe('actors in coded events', () => {
  it.each([
    ['The Kremlin accused Kyiv of shelling Belgorod on Monday.', 'ACCUSATION', 'RUS', 'UKR'],
    ['Foggy Bottom condemned the Russian strike on Kyiv.', 'CONDEMNATION', 'USA', 'RUS'],
    ['Downing Street condemned the Iranian attack on Israel.', 'CONDEMNATION', 'GBR', 'IRN'],
    ['Eritrea\'s information minister accused Addis Ababa of violating the border.', 'ACCUSATION', 'ERI', 'ETH'],
  ])('%j → %s %s>%s', (body, category, source, target) => {
    const event = codeText(body).find((e) => e.category === category);
    expect(event?.source.actor).toBe(source);
    expect(event?.target?.actor).toBe(target);
  });

  it('takes the state of a titled official from the words before the title', () => {
    const events = codeText(
      'Armenia and Azerbaijan exchanged fire on Monday. The Iranian Consul General in Baku Ali Rezaei said Iran was ready to mediate between the two countries. "We are willing to host talks," Rezaei said.',
    );
    const offer = events.find((e) => e.category === 'MEDIATION_OFFER');
    expect(offer?.source.actor).toBe('IRN');
    expect(offer?.parties).toEqual(['ARM', 'AZE']);
    expect(offer?.speakers).toContainEqual({ name: 'Ali Rezaei', role: 'Consul General', actor: 'IRN' });
  });

  it.each([
    ['Azerbaijani drones struck Armenian army positions near Jermuk on Tuesday.', 'MIL'],
    ['Pakistan struck militant hideouts inside Iran on Tuesday.', 'REB'],
    ['Russian missiles hit a market in Kharkiv, Ukraine, on Tuesday, killing 12 civilians.', 'CVL'],
  ])('gives the target of %j the sector %s', (body, sector) => {
    const strike = codeText(body).find((e) => e.category === 'STRIKE');
    expect(strike?.target?.sector).toBe(sector);
    expect(strike?.source.sector).toBe('MIL');
  });
});
