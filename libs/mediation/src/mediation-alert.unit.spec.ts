import { mediationAlertFor, mediationAlertsBetween } from './mediation-alert';
import type { MediationOffer } from './offer';

const offered: MediationOffer = {
  offerId: 'CHN:IRN-PAK',
  mediator: 'CHN',
  parties: ['IRN', 'PAK'],
  status: 'OFFERED',
  conditions: ['if both sides so wish'],
  statements: [],
  responses: [],
  lastMediationOn: null,
  firstReportedOn: '2024-01-18',
  lastReportedOn: '2024-01-18',
};
const accepted: MediationOffer = { ...offered, status: 'PARTIALLY_ACCEPTED' };

describe('mediation alerts', () => {
  it('a new offer', () => {
    expect(mediationAlertFor({ offer: offered, previousStatus: null, reportId: 'app-42', emittedAt: '2024-01-18T12:00:00Z' })).toEqual({
      alertId: expect.stringMatching(/^[0-9a-f]{32}$/),
      offerId: 'CHN:IRN-PAK',
      mediator: 'CHN',
      parties: ['IRN', 'PAK'],
      status: 'OFFERED',
      previousStatus: null,
      conditions: ['if both sides so wish'],
      reportId: 'app-42',
      emittedAt: '2024-01-18T12:00:00Z',
    });
  });

  it('a status change, and no alert without one', () => {
    expect(mediationAlertFor({ offer: accepted, previousStatus: 'OFFERED', reportId: 'app-43', emittedAt: 'x' })).toMatchObject({ status: 'PARTIALLY_ACCEPTED', previousStatus: 'OFFERED' });
    expect(mediationAlertFor({ offer: accepted, previousStatus: 'PARTIALLY_ACCEPTED', reportId: 'app-43', emittedAt: 'x' })).toBeNull();
  });

  it('the same change has the same id whenever emitted; another change another id', () => {
    const id = (previousStatus: 'OFFERED' | null, reportId: string, emittedAt: string) => mediationAlertFor({ offer: accepted, previousStatus, reportId, emittedAt })!.alertId;
    expect(id('OFFERED', 'app-43', '2024-01-01T00:00:00Z')).toBe(id('OFFERED', 'app-43', '2025-01-01T00:00:00Z'));
    expect(id('OFFERED', 'app-43', 'x')).not.toBe(id(null, 'app-43', 'x'));
    expect(id('OFFERED', 'app-43', 'x')).not.toBe(id('OFFERED', 'app-44', 'x'));
  });

  it('between two evaluations: new offers and changed statuses only', () => {
    const other: MediationOffer = { ...offered, offerId: 'USA:IRN-PAK', mediator: 'USA' };
    const alerts = mediationAlertsBetween([offered, other], [accepted, other, { ...offered, offerId: 'TUR:IRN-PAK', mediator: 'TUR' }], 'app-50', 'now');
    expect(alerts.map((alert) => [alert.offerId, alert.previousStatus, alert.status])).toEqual([
      ['CHN:IRN-PAK', 'OFFERED', 'PARTIALLY_ACCEPTED'],
      ['TUR:IRN-PAK', null, 'OFFERED'],
    ]);
  });
});
