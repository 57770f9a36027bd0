import { codeText, shortForms } from '../testing/code-text';

describe('what is not an incident', () => {
  it.each([
    ['negation', 'Ethiopia said it had not attacked Eritrean positions and would never strike Eritrea.'],
    ['hypothetical', 'Armenia warned that if Azerbaijan attacked, Yerevan could strike back.'],
    ['future intent', 'Thailand plans to strike Cambodian artillery positions next week.'],
    ['interception only', 'Israel said its air defences shot down 40 drones over the Negev.'],
    ['non-state attackers', 'Gunmen attacked a police post in Tigray on Monday, killing six officers.'],
    ['rebels as subject', 'M23 rebels shelled Congolese army positions near Goma on Thursday.'],
    ['history', 'Ethiopia and Eritrea fought a war between 1998 and 2000 in which Ethiopian jets bombed Asmara.'],
    ['an internal fight', 'The Sudanese army said its aircraft struck RSF positions in Nyala.'],
    ['a refusal to join', 'Washington said it would not join any Israeli counterstrike against Iran.'],
  ])('%s: %j codes no strike', (_label, body) => {
    expect(codeText(body).filter((e) => e.category === 'STRIKE')).toEqual([]);
  });

  it('cancels a strike the acting state denies', () => {
    const body = 'Congo said Rwandan troops shelled its positions near Goma on Thursday. Rwanda denied that its forces had crossed the border.';
    expect(codeText(body).filter((e) => e.category === 'STRIKE')).toEqual([]);
  });

  it('keeps a strike that others attribute and the actor does not deny', () => {
    const body = 'Explosions shook Isfahan early on Friday. U.S. officials said Israel was behind the strike on Iranian territory. The Israeli military declined to comment.';
    expect(shortForms(codeText(body, '2024-04-19T17:45:00+04:00'))).toContain('STRIKE ISR>IRN');
  });

  it('codes a conditional warning as a THREAT, not a STRIKE', () => {
    const events = codeText('Cambodia said it would respond to any aggression by Thailand with force.');
    expect(shortForms(events)).toEqual(['THREAT KHM>THA']);
  });

  it('does not code a requested ceasefire or offered talks as agreed', () => {
    const events = codeText('Kenya called for an immediate ceasefire between Ethiopia and Eritrea and said it stood ready to host talks between the two neighbours.');
    expect(events.filter((e) => e.category === 'CEASEFIRE' || e.category === 'TALKS')).toEqual([]);
  });

  it('does not code statements by bodies that are not states', () => {
    const body = 'The UN Secretary-General urged Armenia and Azerbaijan to show restraint. Leaders of the Group of Seven condemned the Azerbaijani attack on Armenia.';
    expect(codeText(body).filter((e) => e.category !== 'STRIKE')).toEqual([]);
  });

  it('returns nothing for reports in other languages', () => {
    const { code, isCodable } = jest.requireActual('../index');
    const report = { reportId: 'fr-1', source: 'AFP', publishedAt: '2024-01-18T10:00:00+01:00', body: "L'Iran a frappé le Pakistan.", language: 'fr' };
    expect(isCodable(report)).toBe(false);
    expect(code(report)).toEqual([]);
    expect(isCodable({ ...report, language: 'en-GB' })).toBe(true);
  });
});
