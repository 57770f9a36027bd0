import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { copyInto, copyLine } from './copy-rows';

// COPY's text format has its own escapes, and array literals theirs on top: PostgreSQL must read back exactly
// the values written, whatever characters they hold.
describe('copyInto', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase('ww_copy_rows');
    pool = new Pool({ connectionString: database.url, max: 2 });
    await pool.query('CREATE SCHEMA s');
    await pool.query('CREATE TABLE s.t (id text, tags text[], doc json, flag boolean, at timestamptz, n smallint)');
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('writes text, arrays, json, booleans, numbers and nulls that read back unchanged', async () => {
    const awkward = 'tab\there, newline\nthere, cr\r, backslash \\ and \\N, quote " and \' , braces {a,b}, comma, ümlaut 😀';
    const doc = { text: awkward, nested: { list: [1, 'two', null], escaped: 'a\\"b' } };
    const rows = [
      ['plain', ['IRN-PAK', 'PAK-IRN'], { json: JSON.stringify(doc) }, true, '2026-01-02T03:04:05.678Z', 3],
      ['json as text', ['IRN-PAK'], JSON.stringify(doc), true, '2026-01-02T03:04:05.678Z', 3],
      [awkward, [awkward, '', 'NULL'], JSON.stringify([]), false, null, null],
      ['\\N', [], 'null', null, '2026-01-02T00:00:00.000Z', 0],
    ] as const;
    const client = await pool.connect();
    try {
      await copyInto(client, 's', { table: 't', columns: ['id', 'tags', 'doc', 'flag', 'at', 'n'], lines: rows.map((row) => copyLine(row)) });
    } finally {
      client.release();
    }
    const { rows: back } = await pool.query(`SELECT id, tags, doc::text AS doc, flag, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, n FROM s.t`);
    expect(back).toEqual(rows.map(([id, tags, json, flag, at, n]) => ({ id, tags: [...tags], doc: typeof json === 'string' ? json : json.json, flag, at, n })));
  });
});
