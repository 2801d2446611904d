import type pg from "pg";
import { type PostgresConnection, poolFor, schemaName, withReconnect } from "./connection.js";

/** One schema change, applied once per schema, in `version` order. */
interface Migration {
  version: number;
  name: string;
  sql: (schema: string) => string;
}

/**
 * The schema, one step per version. Never edit a released step: add the next one. Uniqueness is the
 * database's job: the primary keys are what deduplicates ledger entries, slots and budget buckets.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "ledger entries, vendor slots, vendor budgets",
    sql: (s) => `
      CREATE TABLE ${s}.ledger_entry (
        ledger text NOT NULL,
        key text COLLATE "C" NOT NULL,
        hash text NOT NULL,
        version jsonb,
        target_id text NOT NULL,
        posted_at text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ledger, key)
      );
      CREATE TABLE ${s}.vendor_slot (
        resource text NOT NULL,
        slot integer NOT NULL,
        holder text,
        expires_at timestamptz,
        PRIMARY KEY (resource, slot)
      );
      CREATE TABLE ${s}.vendor_budget (
        resource text NOT NULL,
        bucket timestamptz NOT NULL,
        used integer NOT NULL,
        PRIMARY KEY (resource, bucket)
      );`,
  },
];

/** Latest schema version this package knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** What {@link migrate} did. */
export interface MigrationResult {
  /** Versions applied by this call (empty when the schema was already current). */
  applied: number[];
  /** Schema version after the call. */
  version: number;
}

/**
 * Brings the schema up to date. Safe when several workers start at once: each takes a transaction-scoped
 * advisory lock (`pg_advisory_xact_lock`) for the schema, so one applies the steps and the others then
 * find them applied; every step commits together with its row in `<schema>.schema_migration`.
 * @param connection connection string or pool
 * @param options.schema schema to migrate @default "ledgerline"
 */
export async function migrate(
  connection: PostgresConnection,
  options: { schema?: string } = {},
): Promise<MigrationResult> {
  const schema = schemaName(options.schema, "migrate");
  const { pool, owned } = poolFor(connection, "migrate");
  try {
    return await withReconnect(() => migrateWith(pool, schema));
  } finally {
    if (owned) await pool.end();
  }
}

async function migrateWith(pool: pg.Pool, schema: string): Promise<MigrationResult> {
  const client = await pool.connect();
  let broken: unknown;
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`ledgerline:migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.schema_migration (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>(
      `SELECT version FROM ${schema}.schema_migration`,
    );
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const step of MIGRATIONS) {
      if (done.has(step.version)) continue;
      await client.query(step.sql(schema));
      await client.query(`INSERT INTO ${schema}.schema_migration (version, name) VALUES ($1, $2)`, [
        step.version,
        step.name,
      ]);
      applied.push(step.version);
    }
    await client.query("COMMIT");
    return { applied, version: Math.max(SCHEMA_VERSION, ...done) };
  } catch (error) {
    broken = error;
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    // A client that failed is dropped rather than returned to the pool (it may be a dead connection).
    client.release(broken !== undefined);
  }
}
