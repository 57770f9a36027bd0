import countries from 'world-countries';
import type { Category, CodedEvent, ReportCoded } from '@app/contracts';
import { reportStreamId } from '@app/contracts';
import type { Pool } from 'pg';
import { seededRandom } from '../../libs/projections/src/testing/random-history';

/** The benchmark's world: enough states for ≥ 5,000 dyads, a year of incidents ending today. */
export interface WorldShape {
  actors: string[];
  reports: number;
  days: number;
}

export const worldShape = (reports: number): WorldShape => ({
  actors: countries.map((country) => country.cca3).sort().slice(0, 110),
  reports,
  days: 120,
});

const DIRECTED: Category[] = ['STRIKE', 'STRIKE', 'THREAT', 'DIPLOMATIC_SANCTION', 'ACCUSATION', 'CONDEMNATION', 'ACCUSATION'];
const GOLDSTEIN: Partial<Record<Category, number>> = { STRIKE: -10, THREAT: -7, DIPLOMATIC_SANCTION: -4, ACCUSATION: -2, CONDEMNATION: -2, CEASEFIRE: 9, MEDIATION_OFFER: 5, MEDIATION_ACCEPTED: 7, MEDIATION_REJECTED: -5 };

/** Deterministic coded events: 30 % restate an earlier incident (corroboration), ~2 % shape offers. */
export function* codings(shape: WorldShape, seed = 42, prefix = 'bench'): Generator<ReportCoded['data']> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const date = () => new Date(today - Math.floor(random() * shape.days) * 86_400_000).toISOString().slice(0, 10);
  const recent: CodedEvent[] = [];
  for (let index = 0; index < shape.reports; index += 1) {
    const reportId = `${prefix}-${index}`;
    let event: CodedEvent;
    if (recent.length > 100 && random() < 0.3) {
      event = { ...pick(recent), eventId: `${reportId}#0`, reportId };
    } else {
      const a = pick(shape.actors);
      let b = pick(shape.actors);
      while (b === a) b = pick(shape.actors);
      event = codedEvent(reportId, random, a, b, date(), pick);
      recent.push(event);
      if (recent.length > 5000) recent.shift();
    }
    yield { reportId, coderVersion: 'bench-1', events: [event] };
  }
}

function codedEvent(reportId: string, random: () => number, a: string, b: string, occurredOn: string, pick: <T>(items: readonly T[]) => T): CodedEvent {
  const roll = random();
  const base = { eventId: `${reportId}#0`, reportId, cameo: '190', injuries: [], speakers: [], evidence: { sentence: 1, text: 'bench' }, confidence: 0.9, occurredOn, conditions: [] as string[] };
  if (roll < 0.97) {
    const category = pick(DIRECTED);
    const dead = category === 'STRIKE' && random() < 0.5 ? 1 + Math.floor(random() * 12) : null;
    return { ...base, category, goldstein: GOLDSTEIN[category]!, source: { actor: a, text: a }, target: { actor: b, text: b }, fatalities: dead ? [{ count: dead, qualifier: 'exact', claimedBy: b }] : [] };
  }
  const parties = [a, b].sort();
  if (roll < 0.98) return { ...base, category: 'CEASEFIRE', goldstein: 9, source: { actor: parties[0], text: parties[0] }, parties, fatalities: [] };
  const mediator = pick(['CHN', 'QAT', 'TUR', 'NOR', 'CHE', 'EGY'].filter((actor) => actor !== a && actor !== b));
  if (roll < 0.99) return { ...base, category: 'MEDIATION_OFFER', goldstein: 5, source: { actor: mediator, text: mediator }, parties, fatalities: [], conditions: random() < 0.3 ? ['if both sides so wish'] : [] };
  const category: Category = random() < 0.7 ? 'MEDIATION_ACCEPTED' : 'MEDIATION_REJECTED';
  return { ...base, category, goldstein: GOLDSTEIN[category]!, source: { actor: a, text: a }, target: { actor: mediator, text: mediator }, fatalities: [] };
}

/**
 * Stores each coding as ingest would (WireReportReceived v2 then ReportCoded in `report-<id>`), written
 * straight into the store's tables in large multi-row statements: the benchmark measures projections, and
 * a million single appends would take longer than everything else together.
 */
export async function storeWorld(pool: Pool, all: Iterable<ReportCoded['data']>, onProgress: (stored: number) => void, perStatement = 5000): Promise<number> {
  let rows: object[] = [];
  let stored = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    await pool.query(
      `WITH input AS (
         SELECT * FROM json_to_recordset($1::json) AS x(stream_id text, stream_version bigint, event_type text, schema_version int, data jsonb)
       ), streams AS (
         INSERT INTO event_streams (stream_id, version) SELECT stream_id, max(stream_version) FROM input GROUP BY stream_id
       )
       INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
       SELECT stream_id, stream_version, gen_random_uuid(), event_type, schema_version, data, '{}'::jsonb FROM input ORDER BY stream_id, stream_version`,
      [JSON.stringify(rows)],
    );
    stored += rows.length;
    rows = [];
    onProgress(stored);
  };
  for (const coded of all) {
    const streamId = reportStreamId(coded.reportId);
    const report = { reportId: coded.reportId, source: 'BENCH', publishedAt: `${coded.events[0].occurredOn}T12:00:00Z`, body: 'A benchmark report.' };
    rows.push(
      { stream_id: streamId, stream_version: 1, event_type: 'WireReportReceived', schema_version: 2, data: { report, receivedVia: null } },
      { stream_id: streamId, stream_version: 2, event_type: 'ReportCoded', schema_version: 1, data: coded },
    );
    if (rows.length >= perStatement * 2) await flush();
  }
  await flush();
  return stored;
}
