import { offersAt } from './offers';
import { mediationAlertsBetween } from './mediation-alert';
import { anAcceptance, anOffer, aReport, aSpeaker, incidentsOfStory } from './testing/builders';

// SPEC's opening example, followed by an acceptance: "China is willing to play a constructive role ... if
// both sides so wish", said by the Foreign Ministry spokeswoman and by the Consul General in Karachi.
const offerReport = aReport(
  '2024-01-18T07:00:00Z',
  [
    anOffer('CHN', ['IRN', 'PAK'], '2024-01-18', {
      conditions: ['if both sides so wish'],
      speakers: [aSpeaker('Mao Ning', 'Foreign Ministry spokeswoman', 'CHN'), aSpeaker('Yang Yundong', 'Consul General in Karachi', 'CHN')],
    }),
  ],
  { reportId: 'app-2024-01-18-0042' },
);
const acceptanceReport = aReport('2024-01-19T07:00:00Z', [anAcceptance('IRN', 'CHN', '2024-01-19')], { reportId: 'app-2024-01-19-0007' });

describe('the SPEC example offer', () => {
  it('CHN:IRN-PAK is OFFERED with two speakers and the condition', () => {
    const [offer] = offersAt(incidentsOfStory([offerReport]), { date: '2024-01-18' });
    expect(offer).toMatchObject({ offerId: 'CHN:IRN-PAK', status: 'OFFERED', conditions: ['if both sides so wish'], firstReportedOn: '2024-01-18', lastReportedOn: '2024-01-18' });
    expect(offer.statements.map((statement) => statement.speaker)).toEqual(['Mao Ning', 'Yang Yundong']);
  });

  it('raises one alert for the new offer and one for the partial acceptance', () => {
    const before = offersAt(incidentsOfStory([]), { date: '2024-01-19' });
    const afterOffer = offersAt(incidentsOfStory([offerReport]), { date: '2024-01-19' });
    const afterAnswer = offersAt(incidentsOfStory([offerReport, acceptanceReport]), { date: '2024-01-19' });
    const alerts = [
      ...mediationAlertsBetween(before, afterOffer, 'app-2024-01-18-0042', '2024-01-18T07:00:01Z'),
      ...mediationAlertsBetween(afterOffer, afterAnswer, 'app-2024-01-19-0007', '2024-01-19T07:00:01Z'),
    ];
    expect(alerts.map((alert) => [alert.previousStatus, alert.status, alert.reportId])).toEqual([
      [null, 'OFFERED', 'app-2024-01-18-0042'],
      ['OFFERED', 'PARTIALLY_ACCEPTED', 'app-2024-01-19-0007'],
    ]);
  });
});
