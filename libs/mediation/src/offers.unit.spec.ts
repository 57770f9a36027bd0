import { offerAt, offersAt } from './offers';
import { aMediation, anAcceptance, anOffer, aRejection, aReport, aSpeaker, incidentsOfStory } from './testing/builders';
import type { ReportCodingRecorded } from '@app/escalation';
import type { OfferStatus } from './offer';

const T = { date: '2024-03-01' };
const offer = anOffer('CHN', ['IRN', 'PAK'], '2024-01-18', { conditions: ['if both sides so wish'] });
const statusOf = (story: ReportCodingRecorded[], at: { date: string } | string = T, knownAt?: string) =>
  offerAt(incidentsOfStory(story, knownAt), 'CHN:IRN-PAK', at)?.status ?? null;

describe('offer status, in the SPEC’s order', () => {
  const cases: Array<[string, ReportCodingRecorded[], OfferStatus | null]> = [
    ['no offer reported', [aReport('2024-01-18T10:00:00Z', [anAcceptance('IRN', 'CHN', '2024-01-19')])], null],
    ['an offer, no answer → OFFERED', [aReport('2024-01-18T10:00:00Z', [offer])], 'OFFERED'],
    ['one party accepts → PARTIALLY_ACCEPTED', [aReport('2024-01-18T10:00:00Z', [offer]), aReport('2024-01-19T10:00:00Z', [anAcceptance('IRN', 'CHN', '2024-01-19')])], 'PARTIALLY_ACCEPTED'],
    ['both accept → ACCEPTED', [aReport('2024-01-18T10:00:00Z', [offer, anAcceptance('IRN', 'CHN', '2024-01-19'), anAcceptance('PAK', 'CHN', '2024-01-20')])], 'ACCEPTED'],
    ['one accepts, one rejects → REJECTED', [aReport('2024-01-18T10:00:00Z', [offer, anAcceptance('IRN', 'CHN', '2024-01-19'), aRejection('PAK', 'CHN', '2024-01-20')])], 'REJECTED'],
    ['a rejection later taken back by an acceptance → latest answer counts', [aReport('2024-01-18T10:00:00Z', [offer, aRejection('PAK', 'CHN', '2024-01-19'), anAcceptance('PAK', 'CHN', '2024-01-21'), anAcceptance('IRN', 'CHN', '2024-01-19')])], 'ACCEPTED'],
    ['an acceptance followed by a rejection → REJECTED', [aReport('2024-01-18T10:00:00Z', [offer, anAcceptance('PAK', 'CHN', '2024-01-19'), aRejection('PAK', 'CHN', '2024-01-21')])], 'REJECTED'],
    ['MEDIATION alone creates the offer → ACTIVE', [aReport('2024-01-18T10:00:00Z', [aMediation('CHN', ['IRN', 'PAK'], '2024-01-25')])], 'ACTIVE'],
    ['MEDIATION after an offer → ACTIVE', [aReport('2024-01-18T10:00:00Z', [offer, aMediation('CHN', ['IRN', 'PAK'], '2024-01-25')])], 'ACTIVE'],
    ['MEDIATION after a rejection → ACTIVE', [aReport('2024-01-18T10:00:00Z', [offer, aRejection('PAK', 'CHN', '2024-01-20'), aMediation('CHN', ['IRN', 'PAK'], '2024-01-25')])], 'ACTIVE'],
    ['a rejection the same day as the MEDIATION → still ACTIVE', [aReport('2024-01-18T10:00:00Z', [offer, aMediation('CHN', ['IRN', 'PAK'], '2024-01-25'), aRejection('PAK', 'CHN', '2024-01-25')])], 'ACTIVE'],
    ['a rejection dated after the last MEDIATION → REJECTED', [aReport('2024-01-18T10:00:00Z', [offer, aMediation('CHN', ['IRN', 'PAK'], '2024-01-25'), aRejection('PAK', 'CHN', '2024-01-26')])], 'REJECTED'],
    ['a rejection after one MEDIATION but before another → ACTIVE', [aReport('2024-01-18T10:00:00Z', [offer, aMediation('CHN', ['IRN', 'PAK'], '2024-01-25'), aRejection('PAK', 'CHN', '2024-01-26'), aMediation('CHN', ['IRN', 'PAK'], '2024-01-28')])], 'ACTIVE'],
    ['a rejection superseded by a later acceptance after MEDIATION → ACTIVE', [aReport('2024-01-18T10:00:00Z', [offer, aMediation('CHN', ['IRN', 'PAK'], '2024-01-25'), aRejection('PAK', 'CHN', '2024-01-26'), anAcceptance('PAK', 'CHN', '2024-01-27')])], 'ACTIVE'],
  ];
  it.each(cases)('%s', (_name, story, expected) => {
    expect(statusOf(story)).toBe(expected);
  });
});

describe('each party’s latest answer', () => {
  const acceptance = anAcceptance('PAK', 'CHN', '2024-01-20');
  const rejection = aRejection('PAK', 'CHN', '2024-01-20');

  it('the same date: the answer recorded later wins', () => {
    expect(statusOf([aReport('2024-01-18T10:00:00Z', [offer]), aReport('2024-01-20T10:00:00Z', [acceptance]), aReport('2024-01-20T11:00:00Z', [rejection])])).toBe('REJECTED');
    expect(statusOf([aReport('2024-01-18T10:00:00Z', [offer]), aReport('2024-01-20T10:00:00Z', [rejection]), aReport('2024-01-20T11:00:00Z', [acceptance])])).toBe('PARTIALLY_ACCEPTED');
  });

  it('a later date wins over a later record', () => {
    expect(statusOf([aReport('2024-01-18T10:00:00Z', [offer]), aReport('2024-01-22T10:00:00Z', [anAcceptance('PAK', 'CHN', '2024-01-21')]), aReport('2024-01-25T10:00:00Z', [aRejection('PAK', 'CHN', '2024-01-19')])])).toBe('PARTIALLY_ACCEPTED');
  });

  it('restating an old answer does not make it newer: record order is when the answer was first recorded', () => {
    const story = [aReport('2024-01-18T10:00:00Z', [offer, acceptance]), aReport('2024-01-20T12:00:00Z', [rejection]), aReport('2024-01-21T09:00:00Z', [acceptance])];
    expect(statusOf(story)).toBe('REJECTED');
  });

  it('responses list each party’s latest answer with its report and words', () => {
    const story = [aReport('2024-01-18T10:00:00Z', [offer, anAcceptance('IRN', 'CHN', '2024-01-19'), { ...rejection, evidence: { sentence: 4, text: 'Pakistan turned the offer down.' } }], { reportId: 'app-7' })];
    expect(offerAt(incidentsOfStory(story), 'CHN:IRN-PAK', T)!.responses).toEqual([
      { party: 'IRN', answer: 'ACCEPTED', occurredOn: '2024-01-19', reportId: 'app-7', text: 'MEDIATION_ACCEPTED IRN' },
      { party: 'PAK', answer: 'REJECTED', occurredOn: '2024-01-20', reportId: 'app-7', text: 'Pakistan turned the offer down.' },
    ]);
  });
});

describe('attaching answers to offers', () => {
  const statuses = (story: ReportCodingRecorded[]) => Object.fromEntries(offersAt(incidentsOfStory(story), T).map((o) => [o.offerId, o.status]));

  it('an answer naming the mediator attaches to its offer involving the answering party', () => {
    const story = [aReport('2024-01-18T10:00:00Z', [offer, anOffer('USA', ['IRN', 'PAK'], '2024-01-18'), anAcceptance('PAK', 'CHN', '2024-01-19')])];
    expect(statuses(story)).toEqual({ 'CHN:IRN-PAK': 'PARTIALLY_ACCEPTED', 'USA:IRN-PAK': 'OFFERED' });
  });

  it('of two offers by the mediator involving the party, the one open when the answer came', () => {
    const story = [
      aReport('2024-01-18T10:00:00Z', [offer, anOffer('CHN', ['AFG', 'PAK'], '2024-01-25')]),
      aReport('2024-01-28T10:00:00Z', [anAcceptance('PAK', 'CHN', '2024-01-27')]),
      aReport('2024-01-28T10:00:00Z', [anAcceptance('PAK', 'CHN', '2024-01-20')]),
    ];
    expect(statuses(story)).toEqual({ 'CHN:AFG-PAK': 'PARTIALLY_ACCEPTED', 'CHN:IRN-PAK': 'PARTIALLY_ACCEPTED' });
    const onlyLate = [aReport('2024-01-18T10:00:00Z', [offer, anOffer('CHN', ['AFG', 'PAK'], '2024-01-25'), anAcceptance('PAK', 'CHN', '2024-01-27')])];
    expect(statuses(onlyLate)).toEqual({ 'CHN:AFG-PAK': 'PARTIALLY_ACCEPTED', 'CHN:IRN-PAK': 'OFFERED' });
  });

  it('an answer dated before every offer of the mediator goes to the earliest', () => {
    const story = [aReport('2024-01-18T10:00:00Z', [offer, anOffer('CHN', ['AFG', 'PAK'], '2024-01-25'), anAcceptance('PAK', 'CHN', '2024-01-10')])];
    expect(statuses(story)).toEqual({ 'CHN:AFG-PAK': 'OFFERED', 'CHN:IRN-PAK': 'PARTIALLY_ACCEPTED' });
  });

  it('an answer naming the other side (no mediator named) applies to every offer between the two', () => {
    const story = [aReport('2024-01-18T10:00:00Z', [offer, anOffer('USA', ['IRN', 'PAK'], '2024-01-18'), anOffer('USA', ['AFG', 'PAK'], '2024-01-18'), aRejection('PAK', 'IRN', '2024-01-19')])];
    expect(statuses(story)).toEqual({ 'CHN:IRN-PAK': 'REJECTED', 'USA:AFG-PAK': 'OFFERED', 'USA:IRN-PAK': 'REJECTED' });
  });

  it('an answer by a state that is not a party to the offer changes nothing', () => {
    const story = [aReport('2024-01-18T10:00:00Z', [offer, aRejection('AFG', 'CHN', '2024-01-19')])];
    expect(statuses(story)).toEqual({ 'CHN:IRN-PAK': 'OFFERED' });
  });

  it('answers make no offer of their own', () => {
    expect(offersAt(incidentsOfStory([aReport('2024-01-18T10:00:00Z', [aRejection('PAK', 'CHN', '2024-01-19')])]), T)).toEqual([]);
  });
});

describe('statements, conditions and dates', () => {
  const spokesperson = aSpeaker('Mao Ning', 'Foreign Ministry spokeswoman', 'CHN');
  const consul = aSpeaker('Yang Yundong', 'Consul General in Karachi', 'CHN');

  it('one statement per speaker, each with its report, date, words and conditions', () => {
    const story = [
      aReport('2024-01-18T10:00:00Z', [anOffer('CHN', ['IRN', 'PAK'], '2024-01-18', { speakers: [spokesperson], conditions: ['if both sides so wish'], evidence: { sentence: 3, text: 'China is willing to play a constructive role if both sides so wish.' } })], { reportId: 'app-1' }),
      aReport('2024-01-18T12:00:00Z', [anOffer('CHN', ['IRN', 'PAK'], '2024-01-18', { speakers: [spokesperson, consul], conditions: ['at their request'], evidence: { sentence: 5, text: 'The consul said China stood ready to help.' } })], { reportId: 'app-2' }),
      aReport('2024-01-20T12:00:00Z', [anOffer('CHN', ['IRN', 'PAK'], '2024-01-19'), aMediation('CHN', ['IRN', 'PAK'], '2024-01-22'), anAcceptance('IRN', 'CHN', '2024-01-24')], { reportId: 'app-3' }),
    ];
    const result = offerAt(incidentsOfStory(story), 'CHN:IRN-PAK', T)!;
    expect(result.statements).toEqual([
      { speaker: 'Mao Ning', role: 'Foreign Ministry spokeswoman', reportId: 'app-1', occurredOn: '2024-01-18', text: 'China is willing to play a constructive role if both sides so wish.', conditions: ['if both sides so wish'] },
      { speaker: 'Yang Yundong', role: 'Consul General in Karachi', reportId: 'app-2', occurredOn: '2024-01-18', text: 'The consul said China stood ready to help.', conditions: ['at their request'] },
      { speaker: null, role: null, reportId: 'app-3', occurredOn: '2024-01-19', text: 'MEDIATION_OFFER CHN', conditions: [] },
    ]);
    expect(result).toMatchObject({ mediator: 'CHN', parties: ['IRN', 'PAK'], conditions: ['if both sides so wish', 'at their request'], firstReportedOn: '2024-01-18', lastReportedOn: '2024-01-24', lastMediationOn: '2024-01-22' });
  });
});

describe('offers under the two clocks', () => {
  const story = [
    aReport('2024-01-18T10:00:00Z', [offer], { reportId: 'r-offer' }),
    aReport('2024-02-10T10:00:00Z', [anAcceptance('IRN', 'CHN', '2024-01-20')], { reportId: 'r-late' }),
  ];

  it('asOf: everything dated on or before T’s date, with no window', () => {
    expect(statusOf(story, { date: '2024-01-17' })).toBeNull();
    expect(statusOf(story, { date: '2024-01-19' })).toBe('OFFERED');
    expect(statusOf(story, '2024-01-20T00:10:00+03:00')).toBe('PARTIALLY_ACCEPTED');
    expect(statusOf(story, '2024-01-19T23:50:00-03:00')).toBe('OFFERED');
    expect(statusOf(story, { date: '2026-01-01' })).toBe('PARTIALLY_ACCEPTED');
  });

  it('knownAt: an answer recorded late is not known before it was recorded', () => {
    expect(statusOf(story, { date: '2024-01-25' }, '2024-02-01T00:00:00Z')).toBe('OFFERED');
    expect(statusOf(story, { date: '2024-01-25' }, '2024-02-10T10:00:00Z')).toBe('PARTIALLY_ACCEPTED');
  });

  it('a correction that supersedes the acceptance withdraws it', () => {
    const corrected = [...story, aReport('2024-02-11T10:00:00Z', [], { reportId: 'r-fix', supersedes: 'r-late' })];
    expect(statusOf(corrected)).toBe('OFFERED');
    expect(statusOf(corrected, T, '2024-02-10T12:00:00Z')).toBe('PARTIALLY_ACCEPTED');
  });
});

describe('malformed offers', () => {
  it('an offer naming the mediator among two parties leaves one side and makes no offer', () => {
    expect(offersAt(incidentsOfStory([aReport('2024-01-18T10:00:00Z', [anOffer('CHN', ['CHN', 'PAK'], '2024-01-18')])]), T)).toEqual([]);
  });

  it('the mediator listed among three parties is dropped from them', () => {
    expect(offersAt(incidentsOfStory([aReport('2024-01-18T10:00:00Z', [anOffer('CHN', ['CHN', 'IRN', 'PAK'], '2024-01-18')])]), T).map((o) => o.offerId)).toEqual(['CHN:IRN-PAK']);
  });
});
