import { clampLevel, isIsoDate } from './format';

/** Everything a view shows is decided by this, and all of it lives in the URL hash: a link reproduces the view. */
export interface ViewState {
  view: 'board' | 'dyad' | 'mediation';
  dyad: string | null;
  /** Valid time as a date (evaluated at the end of that UTC day); null = now, live. */
  asOf: string | null;
  /** "As we knew it then": knownAt = asOf. */
  knewThen: boolean;
  actor: string | null;
  minLevel: number;
  status: string | null;
  large: boolean;
}

const DYAD = /^[A-Z]{3}-[A-Z]{3}$/;
const ACTOR = /^[A-Z]{3}$/;
const STATUSES = new Set(['ACTIVE', 'ACCEPTED', 'PARTIALLY_ACCEPTED', 'OFFERED', 'REJECTED']);

export function parseHash(hash: string): ViewState {
  const raw = hash.replace(/^#/, '');
  const [path, query = ''] = raw.split('?');
  const params = new URLSearchParams(query);
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  let view: ViewState['view'] = 'board';
  let dyad: string | null = null;
  if (segments[0] === 'mediation') view = 'mediation';
  else if (segments[0] === 'dyad' && segments[1] && DYAD.test(segments[1].toUpperCase())) {
    view = 'dyad';
    dyad = segments[1].toUpperCase();
  }
  const asOf = params.get('asOf');
  const actor = params.get('actor')?.toUpperCase() ?? null;
  const status = params.get('status')?.toUpperCase() ?? null;
  return {
    view,
    dyad,
    asOf: isIsoDate(asOf) ? asOf : null,
    knewThen: params.get('knownAt') === 'asOf',
    actor: actor && ACTOR.test(actor) ? actor : null,
    minLevel: clampLevel(Number(params.get('minLevel') ?? 0)),
    status: status && STATUSES.has(status) ? status : null,
    large: params.get('large') === '1',
  };
}

export function formatHash(state: ViewState): string {
  const path = state.view === 'dyad' && state.dyad ? `/dyad/${state.dyad}` : state.view === 'mediation' ? '/mediation' : '/board';
  const params = new URLSearchParams();
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.asOf && state.knewThen) params.set('knownAt', 'asOf');
  if (state.actor) params.set('actor', state.actor);
  if (state.minLevel > 0) params.set('minLevel', String(state.minLevel));
  if (state.status) params.set('status', state.status);
  if (state.large) params.set('large', '1');
  const query = params.toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

/** The read-model clocks of a state, as API query parameters. */
export function clockParams(state: Pick<ViewState, 'asOf' | 'knewThen'>, endOfDay: (date: string) => string): Record<string, string> {
  if (!state.asOf) return {};
  const at = endOfDay(state.asOf);
  return state.knewThen ? { asOf: at, knownAt: at } : { asOf: at };
}
