import { decideAccess, type AccessQuestion } from './access-policy';

const ask = (overrides: Partial<AccessQuestion>): ReturnType<typeof decideAccess> =>
  decideAccess({ path: '/api/v1/events', required: 'analyst', keysConfigured: true, presented: true, holder: { role: 'analyst', fingerprint: 'f' }, ...overrides });

describe('decideAccess', () => {
  it('lets everything through when no keys are configured', () => {
    expect(ask({ keysConfigured: false, presented: false, holder: null, required: undefined })).toEqual({ allowed: true });
  });

  it('needs no key outside /api', () => {
    for (const path of ['/health', '/metrics', '/docs', '/docs-json', '/', '/apiary']) {
      expect(ask({ path, presented: false, holder: null, required: undefined })).toEqual({ allowed: true });
    }
  });

  it('answers unauthorized without a key and for an unknown key', () => {
    expect(ask({ presented: false, holder: null })).toMatchObject({ allowed: false, code: 'unauthorized' });
    expect(ask({ presented: true, holder: null })).toMatchObject({ allowed: false, code: 'unauthorized' });
  });

  it('answers forbidden for a role below the route', () => {
    expect(ask({ holder: { role: 'viewer', fingerprint: 'f' } })).toMatchObject({ allowed: false, code: 'forbidden', detail: expect.stringContaining('analyst') });
    expect(ask({ holder: { role: 'admin', fingerprint: 'f' } })).toEqual({ allowed: true });
  });

  it('fails closed for an /api route that declares no role, whatever the key', () => {
    expect(ask({ required: undefined, holder: { role: 'admin', fingerprint: 'f' } })).toMatchObject({ allowed: false, code: 'forbidden' });
  });
});
