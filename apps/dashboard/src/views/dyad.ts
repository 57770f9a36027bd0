import { api, ApiFailure, getJson } from '../api';
import { indexChart, levelChart } from '../charts';
import { addDays, dayNumber, endOfDay, esc, formatCategory, formatClaims, formatIndex, shortDate, todayUtc } from '../format';
import { clockParams, formatHash, type ViewState } from '../state';
import type { DyadDetail, Incident, MediationOffer } from '../types';
import { ladderHtml } from './board';
import { offerCardHtml } from './offers';
import type { View, ViewContext } from './view';

/** The charts span two ladder windows at least. */
const SPAN_DAYS = 60;
const MAX_SPAN_DAYS = 365;

const keyOf = (incident: Incident): string =>
  incident.incidentId ?? `${incident.category}|${incident.source}|${incident.target ?? (incident.parties ?? []).join(',')}|${incident.occurredOn}`;

/** Evidence sentences by report, fetched once per page (the dyad view lists incidents without them). */
const evidenceCache = new Map<string, Promise<ReportCoding | null>>();
interface ReportCoding {
  codedEvents: Array<{ category: string; source: { actor: string }; target?: { actor: string }; parties?: string[]; occurredOn: string; evidence?: { text: string } }>;
}

function evidenceOf(incident: Incident): string {
  return incident.evidence?.text ?? incident.reports?.find((report) => report.evidence?.text)?.evidence?.text ?? '';
}

function incidentRow(incident: Incident, outsideWindow: boolean): string {
  const direction = incident.target
    ? `${esc(incident.source)} <span aria-hidden="true">→</span><span class="sr-only">against</span> ${esc(incident.target)}`
    : incident.parties && !incident.parties.includes(incident.source)
      ? `${esc(incident.source)} <span aria-hidden="true">→</span><span class="sr-only">between</span> ${esc(incident.parties.join(' · '))}`
      : esc((incident.parties ?? [incident.source]).join(' · '));
  return (
    `<tr class="cat-${esc(incident.category)}${outsideWindow ? ' outside' : ''}" data-incident="${esc(keyOf(incident))}">` +
    `<td><time datetime="${esc(incident.occurredOn)}">${esc(shortDate(incident.occurredOn))}</time>${outsideWindow ? '<span class="sr-only"> (before the 30-day window)</span>' : ''}</td>` +
    `<th scope="row"><span class="cat-dot cat-${esc(incident.category)}" aria-hidden="true"></span>${esc(formatCategory(incident.category))}</th>` +
    `<td>${direction}</td>` +
    `<td class="num">${incident.corroboration ?? incident.sources?.length ?? 1}</td>` +
    `<td class="sources">${(incident.sources ?? []).map((source) => `<code>${esc(source)}</code>`).join(' ')}</td>` +
    `<td>${esc(formatClaims(incident.fatalities))}</td>` +
    `<td>${esc(formatClaims(incident.injuries))}</td>` +
    `<td class="evidence">${evidenceOf(incident) ? `<q>${esc(evidenceOf(incident))}</q>` : ''}</td>` +
    `</tr>`
  );
}

function sameIncident(incident: Incident, event: ReportCoding['codedEvents'][number]): boolean {
  if (event.category !== incident.category || event.occurredOn !== incident.occurredOn || event.source.actor !== incident.source) return false;
  if (incident.target) return event.target?.actor === incident.target;
  return [...(event.parties ?? [])].sort().join(',') === [...(incident.parties ?? [])].sort().join(',');
}

export function createDyadView(ctx: ViewContext): View {
  const root = document.createElement('section');
  root.className = 'view dyad-view';
  root.setAttribute('aria-labelledby', 'dyad-title');
  root.innerHTML = `<div class="view-head"><h2 id="dyad-title" tabindex="-1">Dyad</h2><a class="back" href="#/board">← Escalation board</a></div><div class="dyad-body"><p class="muted">Loading…</p></div>`;
  const title = root.querySelector<HTMLElement>('#dyad-title')!;
  const back = root.querySelector<HTMLAnchorElement>('.back')!;
  const body = root.querySelector<HTMLElement>('.dyad-body')!;
  let state: ViewState | null = null;
  let seq = 0;

  async function load(): Promise<void> {
    if (!state?.dyad) return;
    const s = state;
    const dyad = s.dyad!;
    const mine = ++seq;
    root.setAttribute('aria-busy', 'true');
    try {
      const [view, offerPage] = await Promise.all([
        api.dyad(dyad, clockParams(s, endOfDay)),
        api.offers({ ...clockParams(s, endOfDay), party: dyad.split('-')[0] }).catch(() => ({ items: [] as MediationOffer[] })),
      ]);
      if (mine !== seq) return;
      ctx.clearError();
      render(s, view, offerPage.items);
      void fillEvidence(view.incidents, mine);
    } catch (error) {
      if (mine !== seq) return;
      if (error instanceof ApiFailure && error.status === 404) {
        body.innerHTML = `<p class="empty">No incident between ${esc(dyad.replace('-', ' and '))} has been recorded${s.asOf ? ` by ${esc(shortDate(s.asOf))}` : ''}.</p>`;
        ctx.clearError();
      } else ctx.showError(error);
    } finally {
      if (mine === seq) root.removeAttribute('aria-busy');
    }
  }

  function render(s: ViewState, view: DyadDetail, allOffers: MediationOffer[]): void {
    const [a, b] = view.actors ?? view.dyad.split('-');
    title.textContent = `${a} – ${b}`;
    const end = s.asOf ?? todayUtc();
    const toDay = dayNumber(end);
    const timeline = [...view.incidents].sort((x, y) => (x.occurredOn < y.occurredOn ? -1 : x.occurredOn > y.occurredOn ? 1 : 0));
    // At least 60 days, more when the dyad's history is longer (up to a year).
    const earliest = timeline.length > 0 ? dayNumber(timeline[0].occurredOn) : toDay;
    const span = Math.min(MAX_SPAN_DAYS, Math.max(SPAN_DAYS, toDay - earliest + 7));
    const fromDay = toDay - span;
    const windowFrom = addDays(end, -29);
    const listed = [...timeline].reverse();
    const offerIds = new Set(view.mediationOffers ?? []);
    const offers = allOffers.filter((offer) => offerIds.has(offer.offerId) || (offer.parties.includes(a) && offer.parties.includes(b)));
    body.innerHTML = `
      <dl class="facts">
        <div><dt>Level</dt><dd class="lvl">${ladderHtml(view.level)}</dd></div>
        <div><dt>Index</dt><dd>${formatIndex(view.index)}</dd></div>
        <div><dt>Since</dt><dd>${esc(shortDate(view.since))}</dd></div>
        <div><dt>Last incident</dt><dd>${esc(shortDate(view.lastIncidentOn))}</dd></div>
        <div><dt>Fatalities (30 days)</dt><dd>${view.fatalities ?? 0}</dd></div>
        <div><dt>Incidents (30 days)</dt><dd>${view.incidentsInWindow ?? view.incidents.filter((i) => i.occurredOn >= windowFrom).length}</dd></div>
      </dl>
      <div class="charts">
        <figure><figcaption>Level, ${esc(shortDate(addDays(end, -span)))} – ${esc(shortDate(end))}</figcaption>${levelChart(view.levelHistory ?? [], fromDay, toDay, 'Level over time')}</figure>
        <figure><figcaption>Decayed index (half-life 7 days), incidents on the timeline</figcaption>${indexChart(timeline, fromDay, toDay, 'Index over time')}</figure>
      </div>
      <h3>Incidents up to ${esc(shortDate(end))}</h3>
      ${
        listed.length === 0
          ? '<p class="muted">None in the window.</p>'
          : `<div class="table-wrap"><table class="incidents"><thead><tr><th scope="col">Date</th><th scope="col">Category</th><th scope="col">Who</th><th scope="col" class="num">Reports</th><th scope="col">Sources</th><th scope="col">Fatalities</th><th scope="col">Injuries</th><th scope="col">Evidence</th></tr></thead><tbody>${listed.map((incident) => incidentRow(incident, incident.occurredOn < windowFrom)).join('')}</tbody></table></div>`
      }
      <h3>Mediation offers involving ${esc(a)} and ${esc(b)}</h3>
      ${offers.length === 0 ? '<p class="muted">None.</p>' : `<div class="offer-list">${offers.map((offer) => offerCardHtml(offer, 4)).join('')}</div>`}`;
  }

  /** Fills each incident's evidence sentence from its first report, a few reports at a time. */
  async function fillEvidence(incidents: Incident[], mine: number): Promise<void> {
    const missing = incidents.filter((incident) => !evidenceOf(incident) && incident.sources?.length).slice(0, 40);
    await Promise.all(
      missing.map(async (incident) => {
        const reportId = incident.sources[0];
        let coding = evidenceCache.get(reportId);
        if (!coding) evidenceCache.set(reportId, (coding = getJson<ReportCoding>(`/api/v1/reports/${encodeURIComponent(reportId)}`).catch(() => null)));
        const report = await coding;
        if (mine !== seq || !report) return;
        const text = report.codedEvents?.find((event) => sameIncident(incident, event))?.evidence?.text;
        const cell = [...body.querySelectorAll<HTMLElement>('tr[data-incident]')].find((row) => row.dataset.incident === keyOf(incident))?.querySelector('.evidence');
        if (text && cell) {
          incident.evidence = { text };
          cell.innerHTML = `<q>${esc(text)}</q>`;
        }
      }),
    );
  }

  return {
    root,
    matches: (next) => next.view === 'dyad' && next.dyad === state?.dyad,
    update(next) {
      const previous = state;
      state = next;
      back.href = formatHash({ ...next, view: 'board', dyad: null });
      if (!previous || previous.asOf !== next.asOf || previous.knewThen !== next.knewThen || previous.dyad !== next.dyad) void load();
    },
    refresh: () => void load(),
    applyLive(message) {
      // Changes of other dyads and of offers between others are not this view's: nothing to fetch.
      try {
        const data = JSON.parse(message.data) as { dyad?: string; parties?: string[] };
        const [a, b] = (state?.dyad ?? '').split('-');
        if (message.event === 'dyad' && typeof data.dyad === 'string') return data.dyad !== state?.dyad;
        if (message.event === 'mediation-offer' && Array.isArray(data.parties)) return !(data.parties.includes(a) && data.parties.includes(b));
      } catch {
        // not JSON: fetch again
      }
      return false;
    },
    destroy() {
      seq++;
    },
  };
}
