import { codeText, shortForms } from '../testing/code-text';

// Each row: a short report about some crisis and the incidents a careful coder takes from it.
const CASES: Array<[string, string, string[]]> = [
  ['STRIKE, active', 'Eritrean artillery pounded Ethiopian army positions near Zalambessa on Tuesday.', ['STRIKE ERI>ETH']],
  ['STRIKE, passive', 'An Armenian border post was hit by Azerbaijani drones on Monday.', ['STRIKE AZE>ARM']],
  ['STRIKE, nominal', "Russia's missile attack on Kyiv on Thursday damaged a power station.", ['STRIKE RUS>UKR']],
  ['STRIKE, launched', 'Thailand launched air strikes against Cambodian military targets on Thursday.', ['STRIKE THA>KHM']],
  ['STRIKE, headline verb', 'India strikes Pakistan after Kashmir attack.', ['STRIKE IND>PAK']],
  ['STRIKE, each way', 'Thailand and Cambodia attacked each other\'s border posts on Friday.', ['STRIKE KHM>THA', 'STRIKE THA>KHM']],
  ['STRIKE, blamed', 'An April 1 air strike on Iran\'s consulate in Damascus killed seven officers. Iran blamed Israel for that strike.', ['ACCUSATION IRN>ISR', 'STRIKE ISR>IRN']],
  ['THREAT, consequences', 'Azerbaijan warned Armenia of serious consequences on Tuesday.', ['THREAT AZE>ARM']],
  ['THREAT, vow', 'Ukraine vowed to retaliate against Russia.', ['THREAT UKR>RUS']],
  ['THREAT, reserve the right', 'Ethiopia reserves the right to respond to Eritrea at a time of its choosing.', ['THREAT ETH>ERI']],
  // Its cue starts with words too short for the index ("at a"): it must be tried on every sentence.
  ['THREAT, of its choosing alone', 'Ethiopia told Eritrea it would act at a time and place of its choosing.', ['THREAT ETH>ERI']],
  ['THREAT, make pay', 'Israel would make Iran pay for the attack, a minister said.', ['THREAT ISR>IRN']],
  ['DIPLOMATIC_SANCTION, recall', 'Cambodia recalled its ambassador from Bangkok on Monday.', ['DIPLOMATIC_SANCTION KHM>THA']],
  ['DIPLOMATIC_SANCTION, expel', 'Rwanda expelled Congolese diplomats and suspended all bilateral cooperation with Kinshasa.', ['DIPLOMATIC_SANCTION RWA>COD']],
  ['DIPLOMATIC_SANCTION, relations', 'The Democratic Republic of Congo severed diplomatic relations with Rwanda on Friday.', ['DIPLOMATIC_SANCTION COD>RWA']],
  ['DIPLOMATIC_SANCTION, persona non grata', 'Armenia declared two Azerbaijani diplomats persona non grata.', ['DIPLOMATIC_SANCTION ARM>AZE']],
  ['ACCUSATION, accused of', 'Kinshasa accuses Kigali of backing the M23 rebels.', ['ACCUSATION COD>RWA']],
  ['ACCUSATION, violation', 'Cambodia said the incursion was a flagrant violation of its sovereignty by Thailand.', ['ACCUSATION KHM>THA']],
  ['ACCUSATION, act of war', 'Eritrea called the Ethiopian blockade an act of war.', ['ACCUSATION ERI>ETH']],
  ['CONDEMNATION', 'Ukraine condemned the Russian strike on Odesa in the strongest terms.', ['CONDEMNATION UKR>RUS', 'STRIKE RUS>UKR']],
  ['CONDEMNATION, denounce', 'Venezuela denounced Guyana for granting oil licences in the disputed area.', ['CONDEMNATION VEN>GUY']],
  ['APPEAL_FOR_RESTRAINT', 'Qatar urged Ethiopia and Eritrea to exercise restraint and resolve their dispute through dialogue.', ['APPEAL_FOR_RESTRAINT ERI+ETH']],
  ['APPEAL_FOR_RESTRAINT, one side named', 'Armenia and Azerbaijan traded accusations. Moscow called on Baku to avoid steps that could escalate tensions.', ['APPEAL_FOR_RESTRAINT ARM+AZE']],
  ['MEDIATION_OFFER', 'Turkey offered to mediate between Russia and Ukraine.', ['MEDIATION_OFFER RUS+UKR']],
  ['MEDIATION_OFFER, role', 'Armenia and Azerbaijan clashed again. Iran said it was ready to play a constructive role between the two neighbours.', ['MEDIATION_OFFER ARM+AZE']],
  ['MEDIATION_ACCEPTED', 'Malaysia offered to mediate between Thailand and Cambodia. Cambodia welcomed the offer.', ['MEDIATION_ACCEPTED KHM>MYS', 'MEDIATION_OFFER KHM+THA']],
  ['MEDIATION_REJECTED', 'Malaysia offered to mediate between Thailand and Cambodia. Thailand rejected third-party mediation.', ['MEDIATION_OFFER KHM+THA', 'MEDIATION_REJECTED THA>MYS']],
  ['MEDIATION, passive', 'Talks between Armenia and Azerbaijan were hosted by Kazakhstan in Almaty on Friday.', ['MEDIATION ARM+AZE', 'TALKS ARM+AZE']],
  ['MEDIATION, compound', 'Ethiopia and Eritrea signed a Saudi-brokered truce on Sunday.', ['CEASEFIRE ERI+ETH', 'MEDIATION ERI+ETH']],
  ['TALKS, phone', "Armenia's foreign minister held a telephone call with his Azerbaijani counterpart on Monday.", ['TALKS ARM+AZE']],
  ['TALKS, met', "Cambodia's Hun Manet and Thailand's prime minister met in Putrajaya on Monday.", ['TALKS KHM+THA']],
  ['CEASEFIRE', 'Thailand and Cambodia agreed to an immediate ceasefire on Monday.', ['CEASEFIRE KHM+THA']],
  ['CEASEFIRE, no force', 'The presidents of Guyana and Venezuela agreed that neither country would use force against the other.', ['CEASEFIRE GUY+VEN']],
];

describe('categories and phrasings', () => {
  it.each(CASES)('%s: %j', (_label, body, expected) => {
    expect(shortForms(codeText(body, '2026-04-14T11:00:00+03:00'))).toEqual(expected);
  });

  it('gives each category its CAMEO code and Goldstein value', () => {
    const events = codeText('Ethiopian jets bombed Eritrean bases on Tuesday. Eritrea warned Ethiopia of serious consequences. Qatar urged both countries to show restraint.');
    const byCategory = Object.fromEntries(events.map((e) => [e.category, [e.cameo, e.goldstein]]));
    expect(byCategory).toEqual({ STRIKE: ['195', -10], THREAT: ['130', -4.4], APPEAL_FOR_RESTRAINT: ['0256', -0.3] });
  });

  it('gives TALKS and CEASEFIRE the first party as source and sorted parties', () => {
    const [talks] = codeText('Venezuela and Guyana held talks on Thursday.');
    expect(talks.parties).toEqual(['GUY', 'VEN']);
    expect(talks.source.actor).toBe('GUY');
  });
});
