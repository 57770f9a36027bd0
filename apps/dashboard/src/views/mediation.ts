import { api } from '../api';
import { endOfDay, esc, OFFER_STATUS_LABELS, OFFER_STATUS_ORDER, shortDate } from '../format';
import { clockParams, type ViewState } from '../state';
import type { MediationOffer } from '../types';
import { offerCardHtml } from './offers';
import type { View, ViewContext } from './view';

export function createMediationView(ctx: ViewContext): View {
  const root = document.createElement('section');
  root.className = 'view mediation-view';
  root.setAttribute('aria-labelledby', 'mediation-title');
  root.innerHTML = `
    <div class="view-head">
      <h2 id="mediation-title">Mediation board</h2>
      <form class="filters" aria-label="Filter offers">
        <label>Actor <input name="actor" id="offer-actor" maxlength="3" size="5" autocomplete="off" placeholder="any" pattern="[A-Za-z]{3}" title="Three-letter ISO code of the mediator or a party"></label>
        <label>Status <select id="offer-status"><option value="">all</option>${OFFER_STATUS_ORDER.map((status) => `<option value="${status}">${OFFER_STATUS_LABELS[status]}</option>`).join('')}</select></label>
      </form>
      <p class="summary" role="status" aria-live="polite"></p>
    </div>
    <div class="columns"></div>`;
  const columns = root.querySelector<HTMLElement>('.columns')!;
  const summary = root.querySelector<HTMLElement>('.summary')!;
  const actorInput = root.querySelector<HTMLInputElement>('#offer-actor')!;
  const statusSelect = root.querySelector<HTMLSelectElement>('#offer-status')!;
  let state: ViewState | null = null;
  let seq = 0;
  let lastHtml = '';

  actorInput.addEventListener('change', () => {
    const value = actorInput.value.trim().toUpperCase();
    if (value === '' || /^[A-Z]{3}$/.test(value)) ctx.navigate({ actor: value || null });
  });
  statusSelect.addEventListener('change', () => ctx.navigate({ status: statusSelect.value || null }));
  root.querySelector('form')!.addEventListener('submit', (event) => {
    event.preventDefault();
    actorInput.dispatchEvent(new Event('change'));
  });

  async function load(): Promise<void> {
    if (!state) return;
    const s = state;
    const mine = ++seq;
    root.setAttribute('aria-busy', 'true');
    try {
      // An actor is the mediator or a party: two filtered requests, merged.
      const base = { ...clockParams(s, endOfDay), status: s.status };
      const pages = s.actor ? await Promise.all([api.offers({ ...base, mediator: s.actor }), api.offers({ ...base, party: s.actor })]) : [await api.offers(base)];
      if (mine !== seq) return;
      const offers = new Map<string, MediationOffer>();
      for (const page of pages) for (const offer of page.items) offers.set(offer.offerId, offer);
      ctx.clearError();
      render(s, [...offers.values()]);
    } catch (error) {
      if (mine === seq) ctx.showError(error);
    } finally {
      if (mine === seq) root.removeAttribute('aria-busy');
    }
  }

  function render(s: ViewState, offers: MediationOffer[]): void {
    const statuses = s.status ? [s.status] : [...OFFER_STATUS_ORDER];
    const html = statuses
      .map((status) => {
        const group = offers.filter((offer) => offer.status === status).sort((a, b) => (a.lastReportedOn < b.lastReportedOn ? 1 : a.lastReportedOn > b.lastReportedOn ? -1 : 0));
        return (
          `<section class="column s-${status}" aria-labelledby="col-${status}"><h3 id="col-${status}">${esc(OFFER_STATUS_LABELS[status])} <span class="count">${group.length}</span></h3>` +
          (group.length === 0 ? '<p class="muted">None.</p>' : group.map((offer) => offerCardHtml(offer, 4)).join('')) +
          `</section>`
        );
      })
      .join('');
    if (html !== lastHtml) {
      // Keep open "Speakers" details open across live updates.
      const open = new Set([...columns.querySelectorAll<HTMLDetailsElement>('details[open]')].map((d) => d.closest('[data-offer]')?.getAttribute('data-offer')));
      columns.innerHTML = html;
      for (const card of columns.querySelectorAll<HTMLElement>('[data-offer]')) if (open.has(card.dataset.offer)) card.querySelector('details')?.setAttribute('open', '');
      lastHtml = html;
    }
    summary.textContent = `${offers.length} offer${offers.length === 1 ? '' : 's'} — ${s.asOf ? `as of ${shortDate(s.asOf)}${s.knewThen ? ', as known then' : ''}` : 'now'}`;
  }

  return {
    root,
    matches: (next) => next.view === 'mediation',
    update(next) {
      const previous = state;
      state = next;
      if (document.activeElement !== actorInput) actorInput.value = next.actor ?? '';
      statusSelect.value = next.status ?? '';
      if (!previous || previous.asOf !== next.asOf || previous.knewThen !== next.knewThen || previous.actor !== next.actor || previous.status !== next.status) void load();
    },
    refresh: () => void load(),
    // Dyad changes do not move offers: only offer changes (and resets) make the board fetch again.
    applyLive: (message) => message.event === 'dyad',
    destroy() {
      seq++;
    },
  };
}
