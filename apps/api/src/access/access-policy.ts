import type { KeyHolder } from './api-key-ring';
import { roleSatisfies, type Role } from './roles';

export interface AccessQuestion {
  path: string;
  /** The role the route declares (or the fallback table gives); undefined when it declares none. */
  required: Role | undefined;
  keysConfigured: boolean;
  /** Whether an `Authorization: Bearer` key came with the request. */
  presented: boolean;
  holder: KeyHolder | null;
}

export type AccessDecision = { allowed: true } | { allowed: false; code: 'unauthorized' | 'forbidden'; detail: string };

const ALLOW: AccessDecision = { allowed: true };

export const isProtectedPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/** SPEC §5 as a pure function: open without keys; with keys, `/api` needs a known key of a sufficient role. */
export function decideAccess(question: AccessQuestion): AccessDecision {
  if (!isProtectedPath(question.path) || !question.keysConfigured) return ALLOW;
  if (!question.presented) {
    return { allowed: false, code: 'unauthorized', detail: 'this route needs an API key: send Authorization: Bearer <key>' };
  }
  if (!question.holder) return { allowed: false, code: 'unauthorized', detail: 'the API key is not valid' };
  if (!question.required) {
    return { allowed: false, code: 'forbidden', detail: 'this route declares no role, so no key may use it' };
  }
  if (!roleSatisfies(question.holder.role, question.required)) {
    return { allowed: false, code: 'forbidden', detail: `this route needs the ${question.required} role; the key has ${question.holder.role}` };
  }
  return ALLOW;
}
