import { setKeyPrompt } from './api';
import { addDays, dayNumber, isIsoDate, shortDate, todayUtc } from './format';
import { openLiveStream, type StreamStatus } from './sse';
import { formatHash, parseHash, type ViewState } from './state';
import { createBoardView } from './views/board';
import { createDyadView } from './views/dyad';
import { createMediationView } from './views/mediation';
import type { View, ViewContext } from './views/view';

declare global {
  interface Window {
    /** Read by the browser tests: when the board first showed rows, in ms since navigation start. */
    __wirewatch?: { firstRenderMs?: number; firstRenderRows?: number; allRowsMs?: number; streamStatus?: StreamStatus; liveMessages: number };
  }
}

const SLIDER_DAYS = 365;
const probe: NonNullable<Window['__wirewatch']> = (window.__wirewatch = { liveMessages: 0 });

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const main = $<HTMLElement>('#main');
const errorBox = $<HTMLElement>('#error');
const slider = $<HTMLInputElement>('#asof-slider');
const dateInput = $<HTMLInputElement>('#asof-date');
const nowButton = $<HTMLButtonElement>('#asof-now');
const knewThen = $<HTMLInputElement>('#knew-then');
const clockLabel = $<HTMLElement>('#clock-label');
const largeToggle = $<HTMLInputElement>('#large-type');
const live = $<HTMLElement>('#live');
const copyButton = $<HTMLButtonElement>('#copy-link');

let state: ViewState = parseHash(location.hash);
let view: View | null = null;

function navigate(patch: Partial<ViewState>, replace = false): void {
  const next = { ...state, ...patch };
  const hash = formatHash(next);
  if (hash === location.hash) return;
  if (replace) {
    history.replaceState(null, '', hash);
    apply(parseHash(hash));
  } else location.hash = hash;
}

const context: ViewContext = {
  navigate,
  showError(error) {
    errorBox.textContent = `Could not load: ${error instanceof Error ? error.message : String(error)}`;
    errorBox.hidden = false;
  },
  clearError() {
    errorBox.hidden = true;
    errorBox.textContent = '';
  },
  onFirstRender(rows) {
    if (probe.firstRenderMs !== undefined) return;
    // The rows are laid out and painted in the frame after this one's animation callbacks; a message posted from
    // the callback is handled right after that frame.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.firstRenderMs = Math.round(performance.now());
        probe.firstRenderRows = rows;
        performance.mark('wirewatch:first-render');
      };
      channel.port2.postMessage(null);
    });
  },
};

context.onAllRows = (rows) => {
  if (probe.allRowsMs === undefined && probe.firstRenderRows === rows) probe.allRowsMs = Math.round(performance.now());
};

function createView(next: ViewState): View {
  if (next.view === 'dyad') return createDyadView(context);
  if (next.view === 'mediation') return createMediationView(context);
  return createBoardView(context);
}

function syncControls(next: ViewState): void {
  const today = todayUtc();
  slider.min = String(-SLIDER_DAYS);
  slider.max = '0';
  const offset = next.asOf ? Math.max(-SLIDER_DAYS, Math.min(0, dayNumber(next.asOf) - dayNumber(today))) : 0;
  slider.value = String(offset);
  const label = next.asOf ? shortDate(next.asOf) : 'now (live)';
  slider.setAttribute('aria-valuetext', label);
  dateInput.max = today;
  dateInput.value = next.asOf ?? '';
  clockLabel.textContent = next.asOf ? `As of ${label}${next.knewThen ? ', as known then' : ', as known now'}` : 'Now, live';
  knewThen.checked = next.knewThen;
  knewThen.disabled = !next.asOf;
  nowButton.disabled = !next.asOf;
  largeToggle.checked = next.large;
  document.documentElement.classList.toggle('large', next.large);
  document.documentElement.classList.toggle('past', !!next.asOf);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]')) {
    const target = link.dataset.view as ViewState['view'];
    link.href = formatHash({ ...next, view: target, dyad: null });
    if (target === next.view || (next.view === 'dyad' && target === 'board')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function apply(next: ViewState): void {
  const viewChanged = !view || !view.matches(next);
  state = next;
  syncControls(next);
  if (viewChanged) {
    view?.destroy();
    view = createView(next);
    main.replaceChildren(view.root);
  }
  view!.update(next);
  document.title = `Wirewatch — ${next.view === 'dyad' ? next.dyad : next.view === 'mediation' ? 'Mediation board' : 'Escalation board'}${next.asOf ? ` as of ${next.asOf}` : ''}`;
  if (viewChanged && next.view === 'dyad') $<HTMLElement>('#dyad-title')?.focus?.();
}

window.addEventListener('hashchange', () => apply(parseHash(location.hash)));

// The skip link moves focus without touching the hash (the hash holds the view state).
$<HTMLAnchorElement>('#skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

// Time travel: the slider moves day by day (debounced while dragging), the date field jumps to any date.
let sliderTimer: number | undefined;
slider.addEventListener('input', () => {
  const offset = Number(slider.value);
  const date = offset === 0 ? null : addDays(todayUtc(), offset);
  clockLabel.textContent = date ? `As of ${shortDate(date)}` : 'Now, live';
  slider.setAttribute('aria-valuetext', date ? shortDate(date) : 'now (live)');
  clearTimeout(sliderTimer);
  sliderTimer = window.setTimeout(() => navigate({ asOf: date }, true), 350);
});
slider.addEventListener('change', () => {
  clearTimeout(sliderTimer);
  const offset = Number(slider.value);
  navigate({ asOf: offset === 0 ? null : addDays(todayUtc(), offset) });
});
dateInput.addEventListener('change', () => {
  const value = dateInput.value;
  if (value === '' || value >= todayUtc()) navigate({ asOf: null });
  else if (isIsoDate(value)) navigate({ asOf: value });
});
nowButton.addEventListener('click', () => navigate({ asOf: null, knewThen: false }));
knewThen.addEventListener('change', () => navigate({ knewThen: knewThen.checked }));
largeToggle.addEventListener('change', () => navigate({ large: largeToggle.checked }));
copyButton.addEventListener('click', async () => {
  const link = location.href;
  try {
    await navigator.clipboard.writeText(link);
    copyButton.textContent = 'Link copied';
  } catch {
    window.prompt('Copy this link', link);
  }
  setTimeout(() => (copyButton.textContent = 'Copy link'), 2000);
});

// The viewer-key dialog, shown when the API answers 401; the key is kept for this browser session only.
const dialog = $<HTMLElement>('#key-dialog') as HTMLDialogElement;
const keyInput = $<HTMLInputElement>('#key-input');
const keyReason = $<HTMLElement>('#key-reason');
setKeyPrompt(
  (reason) =>
    new Promise((resolve) => {
      keyReason.textContent = reason === 'rejected' ? 'That key was not accepted. Enter a viewer key.' : 'This Wirewatch API needs a viewer key.';
      keyInput.value = '';
      const done = () => {
        dialog.removeEventListener('close', done);
        resolve(dialog.returnValue === 'ok' && keyInput.value.trim() ? keyInput.value.trim() : null);
      };
      dialog.addEventListener('close', done);
      dialog.showModal();
      keyInput.focus();
    }),
);

// Live: every read-model change on the stream makes the current view fetch again (coalesced).
const STATUS_TEXT: Record<StreamStatus, string> = { connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…', unauthorized: 'Needs a key' };
let refreshTimer: number | undefined;
const scheduleRefresh = () => {
  clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(() => view?.refresh(), 200);
};
// While the stream is down the view is fetched again every POLL_MS, so a wall display never freezes silently.
const POLL_MS = 10_000;
let pollTimer: number | undefined;
function pollWhile(down: boolean): void {
  if (down && pollTimer === undefined) pollTimer = window.setInterval(() => view?.refresh(), POLL_MS);
  if (!down && pollTimer !== undefined) {
    clearInterval(pollTimer);
    pollTimer = undefined;
  }
}
let everConnected = false;
openLiveStream({
  url: '/api/v1/stream',
  onStatus(status) {
    probe.streamStatus = status;
    pollWhile(status !== 'connected');
    live.title = status === 'connected' ? 'Updates arrive as they happen' : `Live stream unavailable: refreshing every ${POLL_MS / 1000} s until it is back`;
    live.dataset.status = status;
    live.querySelector('.live-text')!.textContent = STATUS_TEXT[status];
  },
  onOpen() {
    if (everConnected) scheduleRefresh();
    everConnected = true;
  },
  onMessage(message) {
    // `dyad` and `mediation-offer` (SPEC §5); anything but a keep-alive is taken as a change.
    if (/^(ping|heartbeat|keep-?alive|hello|ready)$/i.test(message.event)) return;
    probe.liveMessages++;
    if (!view?.applyLive?.(message)) scheduleRefresh();
  },
});

apply(state);
