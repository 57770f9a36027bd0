import { ApiKeyRing, bearerToken } from './api-key-ring';

describe('ApiKeyRing', () => {
  const ring = new ApiKeyRing([
    { key: 'view-key', role: 'viewer' },
    { key: 'admin-key', role: 'admin' },
  ]);

  it('identifies a configured key by its role, with a fingerprint that is not the key', () => {
    const holder = ring.identify('admin-key');
    expect(holder?.role).toBe('admin');
    expect(holder?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(holder?.fingerprint).not.toContain('admin-key');
  });

  it('does not know a wrong key, a prefix of a key or the empty string', () => {
    expect(ring.identify('admin-keyX')).toBeNull();
    expect(ring.identify('admin')).toBeNull();
    expect(ring.identify('')).toBeNull();
  });

  it('is open only without keys', () => {
    expect(ring.isOpen).toBe(false);
    expect(new ApiKeyRing([]).isOpen).toBe(true);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['Bearer   abc  ', 'abc'],
  ])('reads %p', (header, token) => expect(bearerToken(header)).toBe(token));

  it.each([[undefined], [''], ['Basic abc'], ['Bearer'], ['Bearer a b']])('finds no key in %p', (header) => {
    expect(bearerToken(header)).toBeNull();
  });
});
