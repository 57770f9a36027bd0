import { codeText } from '../testing/code-text';

describe('attribution, conditions, speakers and merging', () => {
  it('records who claims a figure ("according to …")', () => {
    const [strike] = codeText('According to Baku, the Armenian shelling of Azerbaijani positions on Monday killed three soldiers.', '2026-06-03T09:00:00+04:00');
    expect(strike.fatalities).toEqual([{ count: 3, qualifier: 'exact', claimedBy: 'AZE' }]);
  });

  it.each([
    ['if both sides so wish', 'Turkey said it was willing to mediate between Russia and Ukraine if both sides so wish.'],
    ['provided both parties agree', 'Qatar offered to host talks between Ethiopia and Eritrea provided both parties agree.'],
    ['if requested by the two governments', 'Brazil said it was ready to facilitate dialogue between Guyana and Venezuela if requested by the two governments.'],
  ])('keeps the condition %j of an offer', (condition, body) => {
    const offer = codeText(body).find((e) => e.category === 'MEDIATION_OFFER');
    expect(offer?.conditions).toEqual([condition]);
  });

  it('lists every speaker of one offer and merges the offer', () => {
    const events = codeText(
      "Russia and Ukraine exchanged strikes on Monday. Turkey's foreign minister Hakan Fidan said Ankara was ready to host talks between the two sides. " +
        '"We are willing to mediate if both sides so wish," he added. Turkish President Recep Tayyip Erdogan later offered to mediate between Moscow and Kyiv.',
    );
    const offers = events.filter((e) => e.category === 'MEDIATION_OFFER');
    expect(offers).toHaveLength(1);
    expect(offers[0].conditions).toEqual(['if both sides so wish']);
    expect(offers[0].speakers.map((s) => s.name)).toEqual(expect.arrayContaining(['Hakan Fidan', 'Recep Tayyip Erdogan']));
  });

  it('codes one incident mentioned in several sentences once, with its evidence', () => {
    const events = codeText(
      'Azerbaijani drones struck an Armenian post near Jermuk on Tuesday, killing two soldiers. Armenia said the Azerbaijani attack had killed three servicemen. The Azerbaijani strike was condemned by Yerevan.',
      '2026-06-03T09:00:00+04:00',
    );
    const strikes = events.filter((e) => e.category === 'STRIKE');
    expect(strikes).toHaveLength(1);
    expect(strikes[0].evidence.sentence).toBe(0);
    expect(strikes[0].evidence.text).toMatch(/^Azerbaijani drones struck/);
    expect(Math.max(...strikes[0].fatalities.map((f) => f.count ?? 0))).toBe(3);
    expect(strikes[0].confidence).toBeGreaterThan(0);
    expect(strikes[0].confidence).toBeLessThanOrEqual(1);
  });

  it('resolves a bare "the Foreign Ministry" and pronouns to the state speaking', () => {
    const events = codeText(
      "Armenia's Foreign Ministry said on Monday that Azerbaijani forces had fired on Armenian villages. The ministry condemned the shelling. It warned of serious consequences.",
      '2026-06-03T09:00:00+04:00',
    );
    expect(events.filter((e) => e.category !== 'STRIKE').map((e) => `${e.category} ${e.source.actor}>${e.target?.actor}`).sort()).toEqual([
      'CONDEMNATION ARM>AZE',
      'THREAT ARM>AZE',
    ]);
  });

  it('codes a present-tense standing accusation dated by publication', () => {
    const [accusation] = codeText('Kinshasa accuses Kigali of arming the M23 rebels.', '2026-02-20T10:00:00+02:00');
    expect(accusation).toMatchObject({ category: 'ACCUSATION', occurredOn: '2026-02-20' });
  });
});
