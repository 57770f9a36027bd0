import { isRole, roleSatisfies, ROLES } from './roles';

describe('roles', () => {
  it.each([
    ['viewer', 'viewer', true],
    ['viewer', 'analyst', false],
    ['viewer', 'admin', false],
    ['analyst', 'viewer', true],
    ['analyst', 'analyst', true],
    ['analyst', 'admin', false],
    ['admin', 'viewer', true],
    ['admin', 'analyst', true],
    ['admin', 'admin', true],
  ] as const)('a %s key may use a route for %s: %s', (held, required, allowed) => {
    expect(roleSatisfies(held, required)).toBe(allowed);
  });

  it('knows exactly the three roles', () => {
    expect(ROLES.filter(isRole)).toEqual(['viewer', 'analyst', 'admin']);
    expect(isRole('superuser')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
