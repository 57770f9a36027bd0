import type { Pool, PoolClient } from 'pg';
import { READ_MODELS_CHANNEL, READ_MODELS_PROJECTION, readModelSchemaDdl, readModelTableDdl, schemaOf, subscriptionOf } from '../schema/read-model-schema';

type Queryable = Pick<Pool | PoolClient, 'query'>;

export interface Generations {
  active: number;
  building: number | null;
}

export async function loadGenerations(db: Queryable): Promise<Generations> {
  const { rows } = await db.query<{ active_generation: number; building_generation: number | null }>(
    `SELECT active_generation, building_generation FROM read_model_generations WHERE projection = $1`,
    [READ_MODELS_PROJECTION],
  );
  if (rows.length === 0) throw new Error('read_model_generations has no row: run the read-model migrations');
  return { active: rows[0].active_generation, building: rows[0].building_generation };
}

export const activeGeneration = async (db: Queryable): Promise<number> => (await loadGenerations(db)).active;

/**
 * Starts building a fresh generation: an interrupted build's leftovers and generations older than the
 * active one are dropped, then the new schema is created empty with no checkpoint. A bulk load passes
 * `secondaryIndexes: false` and creates them once the tables are filled (readModelIndexDdl).
 */
export async function beginGeneration(pool: Pool, { secondaryIndexes = true }: { secondaryIndexes?: boolean } = {}): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ active_generation: number; building_generation: number | null }>(
      `SELECT active_generation, building_generation FROM read_model_generations WHERE projection = $1 FOR UPDATE`,
      [READ_MODELS_PROJECTION],
    );
    const { active_generation: active } = rows[0];
    const next = active + 1;
    for (let generation = 1; generation <= Math.max(next, rows[0].building_generation ?? 0); generation += 1) {
      if (generation === active) continue;
      await client.query(`DROP SCHEMA IF EXISTS ${schemaOf(generation)} CASCADE`);
      await client.query(`DELETE FROM subscription_checkpoints WHERE subscription_id = $1`, [subscriptionOf(generation)]);
    }
    for (const statement of (secondaryIndexes ? readModelSchemaDdl : readModelTableDdl)(schemaOf(next))) await client.query(statement);
    await client.query(`UPDATE read_model_generations SET building_generation = $2 WHERE projection = $1`, [READ_MODELS_PROJECTION, next]);
    await client.query('COMMIT');
    return next;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The blue/green switch: one statement in one transaction; readers and the projector follow the pointer. */
export async function switchGeneration(db: Queryable, generation: number): Promise<void> {
  await db.query(
    `UPDATE read_model_generations SET active_generation = $2, building_generation = NULL, switched_at = now() WHERE projection = $1`,
    [READ_MODELS_PROJECTION, generation],
  );
  await db.query('SELECT pg_notify($1, $2)', [READ_MODELS_CHANNEL, JSON.stringify({ generation, all: true })]);
}
