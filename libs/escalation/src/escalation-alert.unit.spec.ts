import { escalationAlertFor, type LevelChangeInput } from './escalation-alert';

const change: LevelChangeInput = {
  dyad: 'IRN-PAK',
  fromLevel: 3,
  toLevel: 4,
  at: '2024-01-18',
  trigger: { eventId: 'evt-9', reportId: 'app-42', category: 'STRIKE' },
  emittedAt: '2024-01-18T12:00:00Z',
};

describe('escalationAlertFor', () => {
  it('describes the change with level names and actors', () => {
    expect(escalationAlertFor(change)).toEqual({
      alertId: expect.stringMatching(/^[0-9a-f]{32}$/),
      dyad: 'IRN-PAK',
      actors: ['IRN', 'PAK'],
      fromLevel: 3,
      toLevel: 4,
      fromName: 'USE_OF_FORCE',
      toName: 'EXCHANGE_OF_FIRE',
      at: '2024-01-18',
      trigger: { eventId: 'evt-9', reportId: 'app-42', category: 'STRIKE' },
      emittedAt: '2024-01-18T12:00:00Z',
    });
  });

  it('the same change gets the same id whenever it is emitted', () => {
    expect(escalationAlertFor({ ...change, emittedAt: '2025-01-01T00:00:00Z' })!.alertId).toBe(escalationAlertFor(change)!.alertId);
  });

  it.each<[string, Partial<LevelChangeInput>]>([
    ['another dyad', { dyad: 'AFG-PAK' }],
    ['another from level', { fromLevel: 2 }],
    ['another to level', { toLevel: 5 }],
    ['another trigger', { trigger: { ...change.trigger, eventId: 'evt-10' } }],
    ['another date', { at: '2024-01-19' }],
  ])('%s gets another id', (_name, difference) => {
    expect(escalationAlertFor({ ...change, ...difference })!.alertId).not.toBe(escalationAlertFor(change)!.alertId);
  });

  it('no change, no alert', () => {
    expect(escalationAlertFor({ ...change, toLevel: 3 })).toBeNull();
  });
});
