import type { DyadDetail, DyadSummary, ItemsPage, MediationOffer } from './types';

const KEY_STORAGE = 'wirewatch.apiKey';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type KeyPrompt = (reason: 'required' | 'rejected') => Promise<string | null>;
let promptForKey: KeyPrompt = async () => null;
let pendingPrompt: Promise<string | null> | null = null;

/** The dialog that asks for a viewer key (set once by the page). */
export function setKeyPrompt(prompt: KeyPrompt): void {
  promptForKey = prompt;
}

export function storedKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

function storeKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // storage unavailable: the key lives as long as the page
  }
}

export function authHeaders(): Record<string, string> {
  const key = storedKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/**
 * After a 401: ask for a key (one dialog however many requests failed at once) and say whether to retry.
 * A key the API rejected is forgotten so the next question starts clean.
 */
export async function handleUnauthorized(): Promise<boolean> {
  const hadKey = storedKey() !== null;
  if (hadKey) storeKey(null);
  pendingPrompt ??= promptForKey(hadKey ? 'rejected' : 'required').finally(() => {
    pendingPrompt = null;
  });
  const key = await pendingPrompt;
  if (!key) return false;
  storeKey(key);
  return true;
}

function url(path: string, params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  const query = search.toString();
  return `${path}${query ? `?${query}` : ''}`;
}

export async function getJson<T>(path: string, params: Record<string, string | number | null | undefined> = {}, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url(path, params), { headers: { Accept: 'application/json', ...authHeaders() }, signal });
    if (response.status === 401 && attempt < 2 && (await handleUnauthorized())) continue;
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const problem = await response.json();
        detail = problem.detail ?? problem.title ?? detail;
      } catch {
        // not problem+json
      }
      throw new ApiFailure(response.status, `${response.status}: ${detail}`);
    }
    return (await response.json()) as T;
  }
}

export type Query = Record<string, string | number | null | undefined>;

export const api = {
  dyads: (query: Query, signal?: AbortSignal) => getJson<ItemsPage<DyadSummary>>('/api/v1/dyads', query, signal),
  dyad: (dyad: string, query: Query, signal?: AbortSignal) => getJson<DyadDetail>(`/api/v1/dyads/${encodeURIComponent(dyad)}`, query, signal),
  offers: (query: Query, signal?: AbortSignal) => getJson<ItemsPage<MediationOffer>>('/api/v1/mediation-offers', query, signal),
};
