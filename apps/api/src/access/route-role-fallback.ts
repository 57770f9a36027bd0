import type { Role } from './roles';

/**
 * Read-model routes whose controllers do not declare a role yet are treated as viewer routes. This table is
 * a stop-gap: each controller should carry `@RequiresRole(...)`, after which its line here can go.
 */
const FALLBACK_ROLES: readonly { prefix: string; role: Role }[] = [
  { prefix: '/api/v1/dyads', role: 'viewer' },
  { prefix: '/api/v1/mediation-offers', role: 'viewer' },
  { prefix: '/api/v1/stream', role: 'viewer' },
];

export function fallbackRole(path: string): Role | undefined {
  return FALLBACK_ROLES.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`))?.role;
}
