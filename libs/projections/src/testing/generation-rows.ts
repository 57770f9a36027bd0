import type { ProjectionFixture } from './projection-fixture';

const TABLES: Record<string, string> = {
  reports: 'report_id, state::text',
  contributions: 'contribution_id, incident_key, report_id, event_id, coder_version, category, dyads, actors, mediation, occurred_on, recorded_at, withdrawn_at, event::text',
  dyads: 'dyad, actors, alert_level, evaluated_on, first_recorded_at, changed_at',
  dyad_incidents: 'dyad, incident_key, occurred_on, incident::text, view::text',
  offers: 'offer_id, mediator, parties, status, offer::text, changed_at',
};

export const READ_MODEL_TABLES = Object.keys(TABLES);

/** Every row of a generation's read-model tables, in key order: for comparing two ways of projecting. */
export async function generationRows(fixture: ProjectionFixture, generation: number): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const [table, columns] of Object.entries(TABLES)) {
    rows[table] = await fixture.query(`SELECT ${columns} FROM read_models_g${generation}.${table} ORDER BY 1, 2`);
  }
  return rows;
}
