import type { PoolClient } from 'pg';
import type { ReadModelChanges } from '../core/read-model-state';
import { READ_MODELS_CHANNEL } from '../schema/read-model-schema';
import { contributionToJson, dyadIncidentToJson, dyadToJson, offerToJson, reportToJson } from './row-codec';

type Queryable = Pick<PoolClient, 'query'>;

const CHUNK = 5000;
const textArray = (column: string) => `ARRAY(SELECT json_array_elements_text(x.${column}))`;

export interface Statement {
  text: string;
  values: unknown[];
}

/** Writes a batch's (or a rebuild's) changes; the caller's transaction makes them atomic with the checkpoint. */
export async function writeChanges(db: Queryable, schema: string, changes: ReadModelChanges): Promise<void> {
  if (changes.contributionDeletes.size > 0) {
    await db.query(`DELETE FROM ${schema}.contributions WHERE contribution_id = ANY($1::text[])`, [[...changes.contributionDeletes]]);
  }
  if (changes.dyadIncidentDeletes.size > 0) {
    const deletes = [...changes.dyadIncidentDeletes.values()];
    await db.query(
      `DELETE FROM ${schema}.dyad_incidents i USING unnest($1::text[], $2::text[]) AS x(dyad, incident_key)
       WHERE i.dyad = x.dyad AND i.incident_key = x.incident_key`,
      [deletes.map((row) => row.dyad), deletes.map((row) => row.key)],
    );
  }
  if (changes.offerDeletes.size > 0) {
    await db.query(`DELETE FROM ${schema}.offers WHERE offer_id = ANY($1::text[])`, [[...changes.offerDeletes]]);
  }
  for (const statement of upsertStatements(schema, changes)) await db.query(statement.text, statement.values);
  await writeAlerts(db, changes);
}

/**
 * The row upserts of a change set, a statement per chunk of rows and table. Independent of one another (each
 * touches its own rows), so a bulk load may run them side by side.
 */
export function* upsertStatements(schema: string, changes: ReadModelChanges): Generator<Statement> {
  yield* chunked([...changes.reports.values()].map(reportToJson), (rows) => ({
    text: `INSERT INTO ${schema}.reports (report_id, state)
       SELECT x.report_id, x.state FROM json_to_recordset($1::json) AS x(report_id text, state json)
       ON CONFLICT (report_id) DO UPDATE SET state = EXCLUDED.state`,
    values: [JSON.stringify(rows)],
  }));
  yield* chunked([...changes.contributionUpserts.values()].map(contributionToJson), (rows) => ({
    text: `INSERT INTO ${schema}.contributions
         (contribution_id, incident_key, report_id, event_id, coder_version, category, dyads, actors, mediation, occurred_on, recorded_at, withdrawn_at, event)
       SELECT x.contribution_id, x.incident_key, x.report_id, x.event_id, x.coder_version, x.category, ${textArray('dyads')}, ${textArray('actors')},
              x.mediation, x.occurred_on, x.recorded_at, x.withdrawn_at, x.event
       FROM json_to_recordset($1::json) AS x(contribution_id text, incident_key text, report_id text, event_id text, coder_version text, category text,
            dyads json, actors json, mediation boolean, occurred_on date, recorded_at timestamptz, withdrawn_at timestamptz, event json)
       ON CONFLICT (contribution_id) DO UPDATE SET withdrawn_at = EXCLUDED.withdrawn_at`,
    values: [JSON.stringify(rows)],
  }));
  yield* chunked([...changes.dyads.values()].map(dyadToJson), (rows) => ({
    text: `INSERT INTO ${schema}.dyads (dyad, actors, alert_level, evaluated_on, first_recorded_at, changed_at)
       SELECT x.dyad, ${textArray('actors')}, x.alert_level, x.evaluated_on, x.first_recorded_at, x.changed_at
       FROM json_to_recordset($1::json) AS x(dyad text, actors json, alert_level smallint, evaluated_on date,
            first_recorded_at timestamptz, changed_at timestamptz)
       ON CONFLICT (dyad) DO UPDATE SET alert_level = EXCLUDED.alert_level, evaluated_on = EXCLUDED.evaluated_on, changed_at = EXCLUDED.changed_at`,
    values: [JSON.stringify(rows)],
  }));
  const dyadIncidents = [...changes.dyadIncidentUpserts.values()].map(({ dyad, incident }) => dyadIncidentToJson(dyad, incident, changes.incidentViews.get(incident.key)));
  yield* chunked(dyadIncidents, (rows) => ({
    text: `INSERT INTO ${schema}.dyad_incidents (dyad, incident_key, occurred_on, incident, view)
       SELECT x.dyad, x.incident_key, x.occurred_on, x.incident, x.view::json
       FROM json_to_recordset($1::json) AS x(dyad text, incident_key text, occurred_on date, incident json, view text)
       ON CONFLICT (dyad, incident_key) DO UPDATE SET incident = EXCLUDED.incident, view = EXCLUDED.view`,
    values: [JSON.stringify(rows)],
  }));
  yield* chunked([...changes.offerUpserts.values()].map(offerToJson), (rows) => ({
    text: `INSERT INTO ${schema}.offers (offer_id, mediator, parties, status, offer, changed_at)
       SELECT x.offer_id, x.mediator, ${textArray('parties')}, x.status, x.offer, x.changed_at
       FROM json_to_recordset($1::json) AS x(offer_id text, mediator text, parties json, status text, offer json, changed_at timestamptz)
       ON CONFLICT (offer_id) DO UPDATE SET status = EXCLUDED.status, offer = EXCLUDED.offer, changed_at = EXCLUDED.changed_at`,
    values: [JSON.stringify(rows)],
  }));
}

/** Alerts in the order they arose; an alert id already in the outbox (a rebuild, a retry) is not written again. */
export async function writeAlerts(db: Queryable, changes: ReadModelChanges): Promise<void> {
  await inChunks(changes.alerts, (alerts) =>
    db.query(
      `INSERT INTO alert_outbox (alert_id, kind, key, payload)
       SELECT a.value->>'alertId', a.value->>'kind', a.value->>'key', (a.value->'payload')::jsonb
       FROM json_array_elements($1::json) WITH ORDINALITY AS a(value, n) ORDER BY a.n
       ON CONFLICT (alert_id) DO NOTHING`,
      [JSON.stringify(alerts)],
    ),
  );
}

/** Tells API processes what changed; delivered when the transaction commits. */
export async function notifyChanges(db: Queryable, generation: number, changes: ReadModelChanges): Promise<void> {
  const dyads = [...changes.dyads.keys()];
  const offers = [...changes.offerUpserts.keys(), ...changes.offerDeletes];
  if (dyads.length === 0 && offers.length === 0) return;
  let payload = JSON.stringify({ generation, dyads, offers });
  if (payload.length > 7000) payload = JSON.stringify({ generation, all: true });
  await db.query('SELECT pg_notify($1, $2)', [READ_MODELS_CHANNEL, payload]);
}

async function inChunks<T>(items: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += CHUNK) await write(items.slice(start, start + CHUNK));
}

function* chunked<T>(items: T[], statement: (chunk: T[]) => Statement): Generator<Statement> {
  for (let start = 0; start < items.length; start += CHUNK) yield statement(items.slice(start, start + CHUNK));
}
