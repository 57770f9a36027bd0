import { api } from '../api';
import { sparkline } from '../charts';
import { addDays, clampLevel, endOfDay, esc, formatIndex, levelLabel, LEVEL_LABELS, OFFER_STATUS_LABELS, OFFER_STATUS_ORDER, shortDate, todayUtc } from '../format';
import { clockParams, formatHash, type ViewState } from '../state';
import type { DyadSummary, MediationOffer } from '../types';
import type { View, ViewContext } from './view';

/** Sparkline samples: the index every 4 days over the 28 days up to T (7 list requests, whatever the number of dyads). */
const SAMPLE_EVERY_DAYS = 4;
const SAMPLES = 7;
/** Past this many changed rows, the board body is rebuilt in one go rather than row by row. */
const BULK_ROWS = 400;
/** The first rows of a bulk render (more than a wall display's screenful), then chunks of the rest. */
const FIRST_CHUNK = 150;
const CHUNK = 500;

interface RowData {
  item: DyadSummary;
  offers: MediationOffer[];
  history: number[] | null;
}

const byLevelThenIndex = (a: DyadSummary, b: DyadSummary) => b.level - a.level || b.index - a.index || (a.dyad < b.dyad ? -1 : 1);

function offerRank(offer: MediationOffer): number {
  const rank = OFFER_STATUS_ORDER.indexOf(offer.status as (typeof OFFER_STATUS_ORDER)[number]);
  return rank === -1 ? 99 : rank;
}

/** Offers by dyad: every pair of an offer's parties. */
function offersByDyad(offers: readonly MediationOffer[]): Map<string, MediationOffer[]> {
  const map = new Map<string, MediationOffer[]>();
  for (const offer of offers) {
    const parties = [...offer.parties].sort();
    for (let i = 0; i < parties.length; i++)
      for (let j = i + 1; j < parties.length; j++) {
        const dyad = `${parties[i]}-${parties[j]}`;
        const list = map.get(dyad) ?? [];
        list.push(offer);
        map.set(dyad, list);
      }
  }
  for (const list of map.values()) list.sort((a, b) => offerRank(a) - offerRank(b));
  return map;
}

function trendOf(current: number, history: number[] | null): { symbol: string; label: string; cls: string } | null {
  if (!history || history.length === 0) return null;
  const before = history[history.length - 1];
  const delta = current - before;
  const threshold = Math.max(0.5, Math.abs(before) * 0.1);
  if (delta > threshold) return { symbol: '▲', label: `rising, up ${formatIndex(delta)} in ${SAMPLE_EVERY_DAYS} days`, cls: 'up' };
  if (delta < -threshold) return { symbol: '▼', label: `easing, down ${formatIndex(-delta)} in ${SAMPLE_EVERY_DAYS} days`, cls: 'down' };
  return { symbol: '▶', label: 'steady', cls: 'flat' };
}

const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export function ladderHtml(level: number): string {
  const l = clampLevel(level);
  let steps = '';
  for (let i = 1; i <= 5; i++) steps += `<i class="${i <= l ? `on l${l}` : ''}"></i>`;
  return `<span class="ladder" aria-hidden="true">${steps}</span><span class="level-badge l${l}"><span class="lvl-num">${l}</span> <span class="lvl-name">${esc(LEVEL_LABELS[l])}</span></span>`;
}

function mediationHtml(offers: MediationOffer[]): string {
  if (offers.length === 0) return '<span class="muted">—</span>';
  const [best] = offers;
  const more = offers.length > 1 ? ` <span class="muted">+${offers.length - 1}</span>` : '';
  return `<span class="offer-badge s-${esc(best.status)}">${esc(best.mediator)} · ${esc(OFFER_STATUS_LABELS[best.status] ?? best.status)}</span>${more}`;
}

export function createBoardView(ctx: ViewContext): View {
  const root = document.createElement('section');
  root.className = 'view board-view';
  root.setAttribute('aria-labelledby', 'board-title');
  root.innerHTML = `
    <div class="view-head">
      <h2 id="board-title">Escalation board</h2>
      <form class="filters" role="search" aria-label="Filter dyads">
        <label>Actor <input name="actor" id="filter-actor" list="actor-list" maxlength="3" size="5" autocomplete="off" placeholder="any" pattern="[A-Za-z]{3}" title="Three-letter ISO code, e.g. IRN"></label>
        <datalist id="actor-list"></datalist>
        <label>Minimum level <select name="minLevel" id="filter-level">${LEVEL_LABELS.map((label, level) => `<option value="${level}">${level} ${label}</option>`).join('')}</select></label>
      </form>
      <p class="summary" role="status" aria-live="polite"></p>
    </div>
    <div class="table-wrap"><div class="board" role="table" aria-label="Dyads by escalation level, then index" aria-describedby="board-title">
      <div role="rowgroup" class="bhead"><div role="row" class="brow">
        <span role="columnheader">Level</span><span role="columnheader">Dyad</span><span role="columnheader" class="num">Index</span><span role="columnheader">28 days</span><span role="columnheader">Trend</span>
        <span role="columnheader" class="c-since">Since</span><span role="columnheader">Last incident</span><span role="columnheader" class="num">Fatalities</span><span role="columnheader" class="num c-incidents">Incidents</span><span role="columnheader" class="c-mediation">Mediation</span>
      </div></div>
      <div role="rowgroup" class="bbody"></div>
    </div></div>
    <p class="empty" hidden>No dyad matches. Widen the filters or move the date.</p>
    <div class="sr-only" aria-live="polite" data-role="announcer"></div>`;
  const tbody = root.querySelector<HTMLElement>('.bbody')!;
  const summary = root.querySelector<HTMLElement>('.summary')!;
  const empty = root.querySelector<HTMLElement>('.empty')!;
  const announcer = root.querySelector<HTMLElement>('[data-role="announcer"]')!;
  const actorInput = root.querySelector<HTMLInputElement>('#filter-actor')!;
  const levelSelect = root.querySelector<HTMLSelectElement>('#filter-level')!;
  const datalist = root.querySelector<HTMLDataListElement>('#actor-list')!;

  let state: ViewState | null = null;
  let items: DyadSummary[] = [];
  let offers = new Map<string, MediationOffer[]>();
  let history = new Map<string, number[]>();
  const rows = new Map<string, HTMLElement>();
  const signatures = new Map<string, string>();
  /** What each row was last drawn from: a row whose inputs are the very same objects is not re-drawn. */
  const drawnFrom = new Map<string, { item: DyadSummary; offers: MediationOffer[] | undefined; history: number[] | undefined; link: string }>();
  const offerById = new Map<string, MediationOffer>();
  let liveRenderTimer: number | undefined;
  const levels = new Map<string, number>();
  let loadSeq = 0;
  let historyKey = '';
  let historySeq = 0;
  let historyLoadedAt = 0;
  let historyTimer: number | undefined;
  let firstRender = true;
  let chunking = false;
  let redrawAfterChunks = false;
  let chunkToken = 0;

  actorInput.addEventListener('change', () => {
    const value = actorInput.value.trim().toUpperCase();
    if (value === '' || /^[A-Z]{3}$/.test(value)) ctx.navigate({ actor: value || null });
  });
  levelSelect.addEventListener('change', () => ctx.navigate({ minLevel: Number(levelSelect.value) }));
  root.querySelector('form')!.addEventListener('submit', (event) => {
    event.preventDefault();
    actorInput.dispatchEvent(new Event('change'));
  });

  const listQuery = (s: ViewState) => ({ ...clockParams(s, endOfDay), actor: s.actor, minLevel: s.minLevel || null });

  function rowHtml(data: RowData, linkQuery: string): string {
    const { item } = data;
    const level = clampLevel(item.level);
    const values = data.history ? [...data.history, item.index] : null;
    const trend = trendOf(item.index, data.history);
    const [a, b] = item.actors ?? item.dyad.split('-');
    return (
      `<span role="cell" class="lvl">${ladderHtml(level)}</span>` +
      `<span role="rowheader"><a href="#/dyad/${esc(item.dyad)}${linkQuery}" class="dyad-link">${esc(a)} – ${esc(b)}</a></span>` +
      `<span role="cell" class="num index">${formatIndex(item.index)}</span>` +
      `<span role="cell" class="spark-cell l${level}">${values ? sparkline(values, `Index over 28 days, from ${formatIndex(values[0])} to ${formatIndex(item.index)}`) : ''}</span>` +
      `<span role="cell" class="trend">${trend ? `<span class="${trend.cls}" title="${esc(trend.label)}" role="img" aria-label="${esc(trend.label)}">${trend.symbol}</span>` : ''}</span>` +
      `<span role="cell" class="c-since">${esc(shortDate(item.since))}</span>` +
      `<span role="cell">${esc(shortDate(item.lastIncidentOn))}</span>` +
      `<span role="cell" class="num">${item.fatalities ?? 0}</span>` +
      `<span role="cell" class="num c-incidents">${item.incidents ?? 0}</span>` +
      `<span role="cell" class="c-mediation">${mediationHtml(data.offers)}</span>`
    );
  }

  /**
   * Redraws the whole body: the first rows at once, the rest in chunks on later tasks so that the first screen
   * paints without waiting for thousands of rows. Old rows stay until their replacements are in (no blank
   * stretch, the scroll position holds), and the focused row keeps the focus.
   */
  function bulkRender(sorted: DyadSummary[], htmlAt: (i: number) => string, markDrawn: (i: number) => void): void {
    const token = ++chunkToken;
    const focused = (document.activeElement as HTMLElement | null)?.closest?.<HTMLElement>('[data-dyad]')?.dataset.dyad ?? null;
    const old = Array.from(tbody.children);
    let oldAt = 0;
    rows.clear();
    signatures.clear();
    levels.clear();
    const template = document.createElement('template');
    const put = (from: number, to: number) => {
      let markup = '';
      for (let i = from; i < to; i++) markup += `<div role="row" class="brow" data-dyad="${esc(sorted[i].dyad)}" data-level="${clampLevel(sorted[i].level)}">${htmlAt(i)}</div>`;
      template.innerHTML = markup;
      const fresh = Array.from(template.content.children) as HTMLElement[];
      tbody.insertBefore(template.content, old[oldAt] ?? null);
      for (let k = 0; k < to - from && oldAt < old.length; k++) old[oldAt++].remove();
      fresh.forEach((element, k) => {
        const i = from + k;
        const dyad = sorted[i].dyad;
        rows.set(dyad, element);
        signatures.set(dyad, htmlAt(i));
        markDrawn(i);
        levels.set(dyad, clampLevel(sorted[i].level));
        if (dyad === focused) element.querySelector<HTMLElement>('.dyad-link')?.focus({ preventScroll: true });
      });
    };
    const finish = () => {
      while (oldAt < old.length) old[oldAt++].remove();
      chunking = false;
      ctx.onAllRows?.(sorted.length);
      if (redrawAfterChunks) {
        redrawAfterChunks = false;
        render();
      }
    };
    let next = Math.min(FIRST_CHUNK, sorted.length);
    put(0, next);
    chunking = next < sorted.length;
    const step = () => {
      if (token !== chunkToken) return;
      const to = Math.min(next + CHUNK, sorted.length);
      put(next, to);
      next = to;
      if (next < sorted.length) void afterPaint().then(step);
      else finish();
    };
    // Each chunk waits for a frame: the rows already in are painted before more are parsed.
    if (chunking) void afterPaint().then(step);
    else finish();
  }

  /**
   * Offers, sparklines and live patches change some rows of the same list: while a bulk redraw is still
   * parsing chunks they wait for it to finish rather than start it over.
   */
  function update(): void {
    if (chunking) redrawAfterChunks = true;
    else render();
  }

  function render(): void {
    if (!state) return;
    redrawAfterChunks = false;
    const s = state;
    const linkQuery = formatHash({ ...s, view: 'dyad', dyad: 'X' }).replace(/^#\/dyad\/X/, '');
    const sorted = [...items].sort(byLevelThenIndex);
    const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;

    // FLIP: where the visible rows are before the update.
    const before = new Map<string, number>();
    if (!firstRender && !reduceMotion) {
      const viewport = window.innerHeight;
      for (const [dyad, row] of rows) {
        const top = row.getBoundingClientRect().top;
        if (top > -200 && top < viewport + 200) before.set(dyad, top);
      }
    }

    // Row markup on demand: a bulk render builds each chunk's rows only when it parses them.
    const cache: string[] = new Array(sorted.length);
    const htmlAt = (i: number): string =>
      (cache[i] ??= rowHtml({ item: sorted[i], offers: offers.get(sorted[i].dyad) ?? [], history: history.get(sorted[i].dyad) ?? null }, linkQuery));
    const bulkByState = firstRender || chunking;
    const unchanged = (i: number): boolean => {
      const drawn = drawnFrom.get(sorted[i].dyad);
      return !!drawn && drawn.item === sorted[i] && drawn.offers === offers.get(sorted[i].dyad) && drawn.history === history.get(sorted[i].dyad) && drawn.link === linkQuery;
    };
    const markDrawn = (i: number) =>
      drawnFrom.set(sorted[i].dyad, { item: sorted[i], offers: offers.get(sorted[i].dyad), history: history.get(sorted[i].dyad), link: linkQuery });
    const changedLevel: string[] = [];
    const fresh: HTMLElement[] = [];
    let changedRows = 0;
    sorted.forEach((item, i) => {
      if (!bulkByState && !unchanged(i) && signatures.get(item.dyad) !== htmlAt(i)) changedRows++;
      const level = clampLevel(item.level);
      const previous = levels.get(item.dyad);
      if (previous !== undefined && previous !== level) changedLevel.push(item.dyad);
    });
    const bulk = bulkByState || changedRows > BULK_ROWS;
    if (bulk) {
      // Many rows at once (first paint, a new date, sparklines arriving): parsed in chunks, the first screenful first.
      before.clear();
      drawnFrom.clear();
      bulkRender(sorted, htmlAt, markDrawn);
    } else {
      chunkToken++;
      const seen = new Set<string>();
      sorted.forEach((item, i) => {
        seen.add(item.dyad);
        let row = rows.get(item.dyad);
        if (!row) {
          row = document.createElement('div');
          row.setAttribute('role', 'row');
          row.className = 'brow';
          row.dataset.dyad = item.dyad;
          rows.set(item.dyad, row);
          fresh.push(row);
        }
        if (!unchanged(i) && signatures.get(item.dyad) !== htmlAt(i)) {
          row.innerHTML = htmlAt(i);
          row.dataset.level = String(clampLevel(item.level));
          signatures.set(item.dyad, htmlAt(i));
        }
        markDrawn(i);
        levels.set(item.dyad, clampLevel(item.level));
      });
      for (const [dyad, row] of rows) {
        if (seen.has(dyad)) continue;
        row.remove();
        rows.delete(dyad);
        signatures.delete(dyad);
        drawnFrom.delete(dyad);
        levels.delete(dyad);
      }
      // Put rows in order, moving only those out of place.
      let cursor: ChildNode | null = tbody.firstChild;
      for (const item of sorted) {
        const row = rows.get(item.dyad)!;
        if (row === cursor) cursor = cursor.nextSibling;
        else tbody.insertBefore(row, cursor);
      }
    }

    if (!reduceMotion) {
      for (const [dyad, top] of before) {
        const row = rows.get(dyad);
        if (!row) continue;
        const delta = top - row.getBoundingClientRect().top;
        if (Math.abs(delta) > 1) row.animate([{ transform: `translateY(${delta}px)` }, { transform: 'none' }], { duration: 650, easing: 'cubic-bezier(.2,.8,.2,1)' });
      }
      for (const dyad of changedLevel) rows.get(dyad)?.animate([{ backgroundColor: 'rgba(255, 214, 102, 0.45)' }, { backgroundColor: 'rgba(255, 214, 102, 0)' }], { duration: 2400 });
      for (const row of fresh) row.animate([{ opacity: 0 }, { opacity: 1 }], { duration: 500 });
    }
    for (const dyad of changedLevel) rows.get(dyad)?.classList.add('changed');
    if (changedLevel.length > 0) {
      announcer.textContent = changedLevel.map((dyad) => `${dyad.replace('-', ' and ')}: now level ${levels.get(dyad)} ${levelLabel(levels.get(dyad)!)}`).join('. ');
    }

    const atLevel3 = sorted.filter((item) => item.level >= 3).length;
    summary.textContent = `${sorted.length} dyad${sorted.length === 1 ? '' : 's'}, ${atLevel3} at use of force or above — ${s.asOf ? `as of ${shortDate(s.asOf)}${s.knewThen ? ', as known then' : ''}` : 'now'}`;
    empty.hidden = sorted.length > 0;
    if (firstRender && sorted.length > 0) {
      firstRender = false;
      ctx.onFirstRender(sorted.length);
    }
  }

  function fillActors(): void {
    const actors = new Set<string>();
    for (const item of items) for (const actor of item.actors ?? item.dyad.split('-')) actors.add(actor);
    const sortedActors = [...actors].sort();
    if (datalist.childElementCount !== sortedActors.length) datalist.innerHTML = sortedActors.map((actor) => `<option value="${esc(actor)}">`).join('');
  }

  /** Sparkline samples for dyads that have none yet (new on the board): at most one round of requests per 5 s. */
  function requestHistory(): void {
    if (historyTimer !== undefined || !state || !items.some((item) => !history.has(item.dyad))) return;
    const s = state;
    historyTimer = window.setTimeout(() => {
      historyTimer = undefined;
      if (state === s) void loadHistory(s);
    }, Math.max(0, historyLoadedAt + 5000 - Date.now()));
  }

  async function loadHistory(s: ViewState): Promise<void> {
    const mine = ++historySeq;
    const end = s.asOf ?? todayUtc();
    const requests = [];
    for (let k = SAMPLES; k >= 1; k--) {
      const date = addDays(end, -k * SAMPLE_EVERY_DAYS);
      requests.push(api.dyads({ ...clockParams({ asOf: date, knewThen: s.knewThen }, endOfDay), actor: s.actor }).catch(() => ({ items: [] as DyadSummary[] })));
    }
    const pages = await Promise.all(requests);
    const current = state;
    if (mine !== historySeq || !current || current.asOf !== s.asOf || current.knewThen !== s.knewThen || current.actor !== s.actor) return;
    historyLoadedAt = Date.now();
    const next = new Map<string, number[]>();
    pages.forEach((page, i) => {
      for (const item of page.items) {
        let values = next.get(item.dyad);
        if (!values) next.set(item.dyad, (values = new Array(SAMPLES).fill(0)));
        values[i] = item.index;
      }
    });
    for (const item of items) if (!next.has(item.dyad)) next.set(item.dyad, new Array(SAMPLES).fill(0));
    history = next;
    update();
  }

  async function load(withHistory: boolean): Promise<void> {
    if (!state) return;
    const s = state;
    const seq = ++loadSeq;
    root.setAttribute('aria-busy', 'true');
    try {
      // The rows do not wait for the offers: the mediation column fills in when they come.
      const offersLoaded = api.offers(clockParams(s, endOfDay)).catch(() => null);
      const page = await api.dyads(listQuery(s));
      if (seq !== loadSeq) return;
      items = page.items;
      ctx.clearError();
      render();
      void offersLoaded.then((offerPage) => {
        if (seq !== loadSeq || !offerPage) return;
        offerById.clear();
        for (const offer of offerPage.items) offerById.set(offer.offerId, offer);
        offers = offersByDyad(offerPage.items);
        update();
      });
      fillActors();
      const key = JSON.stringify([s.asOf, s.knewThen, s.actor, todayUtc()]);
      if (withHistory || key !== historyKey) {
        historyKey = key;
        // Sparklines wait for the rows to be on screen: the first paint is not shared with them.
        await afterPaint();
        if (seq === loadSeq) void loadHistory(s);
      } else requestHistory();
    } catch (error) {
      if (seq === loadSeq) ctx.showError(error);
    } finally {
      if (seq === loadSeq) root.removeAttribute('aria-busy');
    }
  }

  return {
    root,
    matches: (next) => next.view === 'board',
    update(next) {
      const previous = state;
      state = next;
      if (document.activeElement !== actorInput) actorInput.value = next.actor ?? '';
      levelSelect.value = String(next.minLevel);
      const dataChanged = !previous || previous.asOf !== next.asOf || previous.knewThen !== next.knewThen || previous.actor !== next.actor || previous.minLevel !== next.minLevel;
      if (dataChanged) void load(true);
      else update();
    },
    refresh: () => void load(false),
    applyLive(message) {
      // Live "now" with rows in place: the stream's item is the list's item, so patch instead of fetching thousands.
      if (!state || state.asOf || firstRender) return false;
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return false;
      }
      if (message.event === 'dyad') {
        const item = data as DyadSummary;
        if (!item || typeof item.dyad !== 'string' || typeof item.level !== 'number' || typeof item.index !== 'number') return false;
        const actors = item.actors ?? item.dyad.split('-');
        const shown = item.lastIncidentOn !== null && item.level >= state.minLevel && (!state.actor || actors.includes(state.actor));
        const at = items.findIndex((existing) => existing.dyad === item.dyad);
        if (shown && at >= 0) items[at] = item;
        else if (shown) {
          items.push(item);
          requestHistory();
        }
        else if (at >= 0) items.splice(at, 1);
      } else if (message.event === 'mediation-offer') {
        const offer = data as MediationOffer;
        if (!offer || typeof offer.offerId !== 'string' || !Array.isArray(offer.parties)) return false;
        offerById.set(offer.offerId, offer);
        offers = offersByDyad([...offerById.values()]);
      } else return false;
      clearTimeout(liveRenderTimer);
      liveRenderTimer = window.setTimeout(update, 100);
      return true;
    },
    destroy() {
      loadSeq++;
      historySeq++;
      clearTimeout(historyTimer);
      chunkToken++;
    },
  };
}
