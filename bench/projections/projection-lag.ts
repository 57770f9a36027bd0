import { reportStreamId, type CodedEvent } from '@app/contracts';
import type { PostgresEventStore, StreamAppend } from '@app/event-store';
import type { ReportCoded } from '@app/contracts';

export interface LagFigure {
  codingsPerSecond: number;
  probes: number;
  /** Probes still not visible 30 s after their append (left out of the percentiles). */
  notVisibleWithin30s: number;
  p50: number;
  p99: number;
  max: number;
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
 * projector process keeps the read models; one coding per tick is a probe whose time from append to
 * visible in `GET /api/v1/dyads/{dyad}` is measured by polling every 20 ms.
 */
export async function projectionLag(store: PostgresEventStore, apiUrl: string, keys: string[], background: Iterator<ReportCoded['data']>, perSecond: number, seconds: number): Promise<LagFigure> {
  const lags: number[] = [];
  let unseen = 0;
  const probes: Promise<void>[] = [];
  const perTick = Math.max(1, Math.round(perSecond / 10));
  const ends = Date.now() + seconds * 1000;
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
    probes.push(waitVisible(apiUrl, keys, probeId).then((visibleAt) => void (visibleAt === null ? unseen++ : lags.push(visibleAt - appended))));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (Date.now() - tickStarts))));
  }
  await Promise.all(probes);
  const sorted = [...lags].sort((a, b) => a - b);
  return { codingsPerSecond: perTick * 10, probes: sorted.length + unseen, notVisibleWithin30s: unseen, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

let polls = 0;

async function waitVisible(apiUrl: string, keys: string[], reportId: string): Promise<number | null> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${apiUrl}/api/v1/dyads/${PROBE_DYAD}`, { headers: { authorization: `Bearer ${keys[polls++ % keys.length]}` } });
    if (response.ok) {
      const body = (await response.json()) as { incidents: { sources: string[] }[] };
      if (body.incidents.some((incident) => incident.sources.includes(reportId))) return Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}
