import { reportStreamId, type CodedEvent } from '@app/contracts';
import type { PostgresEventStore, StreamAppend } from '@app/event-store';
import type { ReportCoded } from '@app/contracts';

export interface LagPercentiles {
  probes: number;
  /** Probes still not visible 30 s after their append (left out of the percentiles). */
  notVisibleWithin30s: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LagFigure extends LagPercentiles {
  codingsPerSecond: number;
  /**
   * The first seconds at the rate, from a projector that had been idle: its working set cold, its apply path not
   * yet optimized by the JIT, the backlog of its first slow batches drained. Reported apart from the steady state.
   */
  warmUp: LagPercentiles & { seconds: number };
}

const PROBE_DYAD = 'ZMB-ZWE';

function probeCoding(reportId: string): ReportCoded['data'] {
  const event: CodedEvent = {
    eventId: `${reportId}#0`, reportId, category: 'ACCUSATION', cameo: '112', goldstein: -2,
    source: { actor: 'ZMB', text: 'Lusaka' }, target: { actor: 'ZWE', text: 'Harare' },
    occurredOn: new Date().toISOString().slice(0, 10), fatalities: [], injuries: [], conditions: [], speakers: [],
    evidence: { sentence: 1, text: 'probe' }, confidence: 0.9,
  };
  return { reportId, coderVersion: 'bench-1', events: [event] };
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Appends codings at a steady rate (every 100 ms a tenth of a second's worth, in one appendMany) while a
 * projector process keeps the read models; one coding per tick is a probe whose time from append to visible
 * in `GET /api/v1/dyads/{dyad}` is measured. One watcher polls the probe dyad every 20 ms for every probe at
 * once: a poller per probe would itself load the API with dozens of concurrent reads of a growing dyad and
 * measure that instead of the projection. Probes of the first `warmUpSeconds` are reported apart.
 */
export async function projectionLag(store: PostgresEventStore, apiUrl: string, keys: string[], background: Iterator<ReportCoded['data']>, perSecond: number, seconds: number, warmUpSeconds = 0): Promise<LagFigure> {
  const pending = new Map<string, Probe>();
  const steady: Probe[] = [];
  const warm: Probe[] = [];
  const perTick = Math.max(1, Math.round(perSecond / 10));
  const started = Date.now();
  const steadyFrom = started + warmUpSeconds * 1000;
  const ends = steadyFrom + seconds * 1000;
  let appending = true;
  const watcher = watch(apiUrl, keys, pending, () => appending);
  let tick = 0;
  while (Date.now() < ends) {
    const tickStarts = Date.now();
    const probeId = `probe-${Date.now().toString(36)}-${tick++}`;
    const codings = [probeCoding(probeId)];
    for (let index = 1; index < perTick; index += 1) {
      const next = background.next();
      if (!next.done) codings.push(next.value);
    }
    const appends: StreamAppend[] = codings.map((coded) => ({
      streamId: reportStreamId(coded.reportId),
      expected: 'no_stream',
      events: [{ type: 'ReportCoded', data: coded }],
    }));
    const appended = Date.now();
    await store.appendMany(appends);
    const probe: Probe = { appended, lag: null };
    pending.set(probeId, probe);
    (appended < steadyFrom ? warm : steady).push(probe);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - tickStarts))));
  }
  appending = false;
  await watcher;
  return { codingsPerSecond: perTick * 10, ...percentilesOf(steady), warmUp: { seconds: warmUpSeconds, ...percentilesOf(warm) } };
}

interface Probe {
  appended: number;
  /** From its append to the poll that first saw it; null while not seen. */
  lag: number | null;
}

function percentilesOf(probes: readonly Probe[]): LagPercentiles {
  const sorted = probes.flatMap((probe) => (probe.lag === null ? [] : [probe.lag])).sort((a, b) => a - b);
  return { probes: probes.length, notVisibleWithin30s: probes.length - sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

/** Polls the probe dyad until every probe appended is visible (or 30 s after the last append); removes the seen. */
async function watch(apiUrl: string, keys: string[], pending: Map<string, Probe>, appending: () => boolean): Promise<void> {
  let polls = 0;
  let lastAppend = Date.now();
  while (appending() || (pending.size > 0 && Date.now() - lastAppend < 30_000)) {
    if (appending()) lastAppend = Date.now();
    const response = await fetch(`${apiUrl}/api/v1/dyads/${PROBE_DYAD}`, { headers: { authorization: `Bearer ${keys[polls++ % keys.length]}` } });
    const seenAt = Date.now();
    if (response.ok) {
      const body = (await response.json()) as { incidents: { sources: string[] }[] };
      for (const incident of body.incidents) {
        for (const source of incident.sources) {
          const probe = pending.get(source);
          if (probe === undefined) continue;
          probe.lag = seenAt - probe.appended;
          pending.delete(source);
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
