/** Every generation of the read models lives in its own schema, so that a rebuild fills a fresh one. */
export const READ_MODELS_PROJECTION = 'read-models';

export const schemaOf = (generation: number): string => {
  if (!Number.isInteger(generation) || generation < 1) throw new Error(`bad read-model generation ${generation}`);
  return `read_models_g${generation}`;
};

/** The subscription (checkpoint row) that feeds one generation. */
export const subscriptionOf = (generation: number): string => `${READ_MODELS_PROJECTION}:g${generation}`;

/** Channel the projector NOTIFYs after each commit; payload: ReadModelChange JSON. */
export const READ_MODELS_CHANNEL = 'wirewatch_read_models';

/**
 * One generation's tables:
 * - reports: each report's state (codings in record order, supersession), the input of `contributionsOfReport`;
 * - contributions: one row per coded event of a coding with its record-time interval [recorded_at, withdrawn_at),
 *   filed under its dyads and actors, so that any (asOf, knownAt) is evaluated from rows;
 * - dyads: every dyad ever seen and the level last alerted on;
 * - dyad_incidents: each dyad's current incidents in the compact form the ladder reads, a row each, so that a
 *   change rewrites only the incidents whose contributions changed (a dyad's list grows with its history); and
 *   each in the form a dyad's detail shows (`view`), so that an answer about current knowledge reads these rows;
 * - offers: every offer with its current status and view.
 * Documents are `json`, not `jsonb`: kept as written, key order included, so that a re-read report state
 * compares equal to the one that wrote it (the ledger dedupes codings by content).
 */
export function readModelSchemaDdl(schema: string): string[] {
  return [...readModelTableDdl(schema), ...readModelIndexDdl(schema)];
}

/** The schema and its tables with their primary keys. */
export function readModelTableDdl(schema: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `CREATE TABLE ${schema}.reports (
       report_id text PRIMARY KEY,
       state     json  NOT NULL
     )`,
    `CREATE TABLE ${schema}.contributions (
       contribution_id text        PRIMARY KEY,
       incident_key    text        NOT NULL,
       report_id       text        NOT NULL,
       event_id        text        NOT NULL,
       coder_version   text        NOT NULL,
       category        text        NOT NULL,
       dyads           text[]      NOT NULL,
       actors          text[]      NOT NULL,
       mediation       boolean     NOT NULL,
       occurred_on     date        NOT NULL,
       recorded_at     timestamptz NOT NULL,
       withdrawn_at    timestamptz,
       event           json        NOT NULL
     )`,
    `CREATE TABLE ${schema}.dyads (
       dyad              text        PRIMARY KEY,
       actors            text[]      NOT NULL,
       alert_level       smallint    NOT NULL,
       evaluated_on      date,
       first_recorded_at timestamptz NOT NULL,
       changed_at        timestamptz NOT NULL
     )`,
    dyadIncidentsTableDdl(schema),
    `CREATE TABLE ${schema}.offers (
       offer_id   text        PRIMARY KEY,
       mediator   text        NOT NULL,
       parties    text[]      NOT NULL,
       status     text        NOT NULL,
       offer      json        NOT NULL,
       changed_at timestamptz NOT NULL
     )`,
  ];
}

export function dyadIncidentsTableDdl(schema: string): string {
  return `CREATE TABLE ${schema}.dyad_incidents (
       dyad         text NOT NULL,
       incident_key text NOT NULL,
       occurred_on  date NOT NULL,
       incident     json NOT NULL,
       view         json NOT NULL,
       PRIMARY KEY (dyad, incident_key)
     )`;
}

/**
 * A dyad's incidents as one JSON array in the ladder's order (date, then key), for a query over `${schema}.dyads`
 * aliased `d`; keys are ASCII, so byte order ("C") is the order JavaScript compares them in.
 */
export const dyadIncidentsJson = (schema: string): string =>
  `coalesce((SELECT json_agg(i.incident ORDER BY i.occurred_on, i.incident_key COLLATE "C") FROM ${schema}.dyad_incidents i WHERE i.dyad = d.dyad), '[]'::json)`;

/** The secondary indexes: a rebuild creates them after filling the tables, which is several times faster. */
export function readModelIndexDdl(schema: string): string[] {
  return [
    `CREATE INDEX ON ${schema}.contributions USING gin (dyads)`,
    `CREATE INDEX ON ${schema}.contributions USING gin (actors) WHERE mediation`,
    `CREATE INDEX ON ${schema}.contributions (report_id)`,
    `CREATE INDEX ON ${schema}.contributions (incident_key) WHERE withdrawn_at IS NULL`,
    // The offers between a dyad's two states, for its detail.
    `CREATE INDEX offers_parties_idx ON ${schema}.offers USING gin (parties)`,
  ];
}

export const READ_MODEL_TABLES = ['reports', 'contributions', 'dyads', 'dyad_incidents', 'offers'] as const;
