import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ReadModelChanges } from '../core/read-model-state';
import { contributionToJson, dyadIncidentToJson, dyadToJson, offerToJson, reportToJson } from './row-codec';

/** A value of one column in COPY's text format: text (numbers and booleans as their text), JSON text, a text array, or null. */
export type CopyValue = string | number | boolean | null | readonly string[] | { json: string };

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/;
const escapeText = (text: string): string => (SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (character) => ESCAPES[character]) : text);
/** JSON.stringify writes control characters as escapes, so its text holds no tab or line break: only backslashes double. */
const escapeJsonText = (json: string): string => (json.includes('\\') ? json.replaceAll('\\', '\\\\') : json);

/** A PostgreSQL array literal, every element quoted. */
const arrayLiteral = (items: readonly string[]): string => `{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/** One line of `COPY … FROM STDIN` text format: tab-separated, `\N` for null, backslash escapes. */
export function copyLine(values: readonly CopyValue[]): string {
  return `${values
    .map((value) => {
      if (value === null) return '\\N';
      if (typeof value === 'string') return escapeText(value);
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (Array.isArray(value)) return escapeText(arrayLiteral(value));
      return escapeJsonText((value as { json: string }).json);
    })
    .join('\t')}\n`;
}

export interface TableCopy {
  table: string;
  columns: readonly string[];
  lines: Iterable<string>;
}

const COLUMN_KINDS = {
  reports: { report_id: 'text', state: 'json' },
  contributions: {
    contribution_id: 'text', incident_key: 'text', report_id: 'text', event_id: 'text', coder_version: 'text', category: 'text',
    dyads: 'array', actors: 'array', mediation: 'text', occurred_on: 'text', recorded_at: 'text', withdrawn_at: 'text', event: 'json',
  },
  dyads: { dyad: 'text', actors: 'array', alert_level: 'text', evaluated_on: 'text', first_recorded_at: 'text', changed_at: 'text' },
  dyad_incidents: { dyad: 'text', incident_key: 'text', occurred_on: 'text', incident: 'json', view: 'jsonText' },
  offers: { offer_id: 'text', mediator: 'text', parties: 'array', status: 'text', offer: 'json', changed_at: 'text' },
} as const;

/**
 * The rows of a change set as COPY input (a rebuild's: every incident of its dyad rows), in parts of at most `rowsPerCopy` rows so that writers side by side
 * share the load, from the same row codecs as the live upserts: a json column holds JSON.stringify of the value,
 * the very text the upserts' json_to_recordset would keep (a `jsonText` column: the JSON text the codec gives).
 */
export function tableCopies(changes: ReadModelChanges, rowsPerCopy = 100_000): TableCopy[] {
  return [
    ...tableCopy('contributions', [...changes.contributionUpserts.values()], contributionToJson, rowsPerCopy),
    ...tableCopy('reports', [...changes.reports.values()], reportToJson, rowsPerCopy),
    ...tableCopy('dyads', [...changes.dyads.values()], dyadToJson, rowsPerCopy),
    ...tableCopy(
      'dyad_incidents',
      [...changes.dyads.values()].flatMap((row) => row.incidents.map((incident) => ({ dyad: row.dyad, incident }))),
      ({ dyad, incident }) => dyadIncidentToJson(dyad, incident, changes.incidentViews.get(incident.key)),
      rowsPerCopy,
    ),
    ...tableCopy('offers', [...changes.offerUpserts.values()], offerToJson, rowsPerCopy),
  ];
}

function tableCopy<T>(table: keyof typeof COLUMN_KINDS, rows: readonly T[], toJson: (row: T) => object, rowsPerCopy: number): TableCopy[] {
  const kinds = Object.entries(COLUMN_KINDS[table]) as [string, 'text' | 'json' | 'jsonText' | 'array'][];
  const columns = kinds.map(([column]) => column);
  function* lines(part: readonly T[]): Generator<string> {
    for (const row of part) {
      const record = toJson(row) as Record<string, unknown>;
      yield copyLine(
        kinds.map(([column, kind]) => {
          const value = record[column];
          if (value === null || value === undefined) return null;
          if (kind === 'json') return { json: JSON.stringify(value) };
          if (kind === 'jsonText') return { json: value as string };
          if (kind === 'array') return value as string[];
          return value as string | number | boolean;
        }),
      );
    }
  }
  const copies: TableCopy[] = [];
  for (let start = 0; start < rows.length; start += rowsPerCopy) copies.push({ table, columns, lines: lines(rows.slice(start, start + rowsPerCopy)) });
  return copies;
}

/** Streams one table's lines into `COPY schema.table (columns) FROM STDIN`, in chunks of about a megabyte. */
export async function copyInto(client: PoolClient, schema: string, copy: TableCopy): Promise<void> {
  const sink = client.query(copyFrom(`COPY ${schema}.${copy.table} (${copy.columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunked(copy.lines, 1 << 20)), sink);
}

function* chunked(lines: Iterable<string>, bytes: number): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= bytes) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
