import { type Ledger, type LedgerEntry, LedgerlineError } from "@ledgerline/core";
import type pg from "pg";
import {
  type PostgresConnection,
  type PostgresSchemaOptions,
  poolFor,
  schemaName,
  withReconnect,
} from "./connection.js";
import { migrate } from "./migrations.js";

/** Options of {@link PostgresLedger.open}. */
export interface PostgresLedgerOptions extends PostgresSchemaOptions {
  /**
   * Name of this ledger inside the shared table: several ledgers (one per target, as with one journal file
   * per target) live side by side, each key unique within its ledger. 1–200 characters.
   * @default "default"
   */
  name?: string;
  /**
   * How long a statement keeps retrying while the database is unreachable (a restart, a terminated
   * connection) before the call rejects, in milliseconds. Reads and writes are safe to repeat (a write
   * is an upsert of the same row).
   * @default 60000
   */
  reconnectMs?: number;
}

const OPTION_KEYS = new Set(["schema", "migrate", "name", "reconnectMs"]);

interface Row {
  key: string;
  hash: string;
  version: string | number | null;
  target_id: string;
  posted_at: string;
}

function toEntry(row: Row): LedgerEntry {
  return {
    key: row.key,
    hash: row.hash,
    targetId: row.target_id,
    postedAt: row.posted_at,
    ...(row.version === null ? {} : { version: row.version }),
  };
}

/**
 * Shared, durable {@link Ledger} in PostgreSQL, for several worker processes (or hosts) posting at once.
 * One row per key (`PRIMARY KEY (ledger, key)`): `record` is an `INSERT … ON CONFLICT DO UPDATE`, so the
 * database — not application code — guarantees each key is held once however many processes record it
 * at the same moment; the last write wins, as with `FileLedger`. `record` resolves after the row is
 * committed (Postgres' own WAL flush is the durability point). Entries round-trip exactly (`postedAt` is
 * kept as the string given, `version` keeps its type).
 *
 * Differences from `FileLedger`, because the store is shared: `size` is the count read at `open` plus the
 * keys this handle added (other processes' keys show after {@link PostgresLedger.count}); there is no
 * lock file — any number of processes may open the same ledger.
 */
export class PostgresLedger implements Ledger {
  /** Name of this ledger in the shared table. */
  readonly name: string;
  /** Schema holding the table. */
  readonly schema: string;
  readonly #pool: pg.Pool;
  readonly #owned: boolean;
  readonly #reconnectMs: number;
  #size: number;
  #closed = false;

  private constructor(
    pool: pg.Pool,
    owned: boolean,
    schema: string,
    name: string,
    size: number,
    reconnectMs: number,
  ) {
    this.#pool = pool;
    this.#owned = owned;
    this.schema = schema;
    this.name = name;
    this.#size = size;
    this.#reconnectMs = reconnectMs;
  }

  /**
   * Connects, runs the migrations (unless `migrate: false`) and reads the ledger's size.
   * @param connection `postgres://…` connection string (a pool of 10 is created and ended by `close`) or
   *   your own `pg.Pool` (left open by `close`)
   * @throws TypeError naming the option when an option is invalid
   */
  static async open(
    connection: PostgresConnection,
    options: PostgresLedgerOptions = {},
  ): Promise<PostgresLedger> {
    if (typeof options !== "object" || options === null || Array.isArray(options)) {
      throw new TypeError('PostgresLedger.open: "options" must be an object');
    }
    for (const key of Object.keys(options)) {
      if (!OPTION_KEYS.has(key)) {
        throw new TypeError(
          `PostgresLedger.open: unknown option "${key}" (expected schema, migrate, name, reconnectMs)`,
        );
      }
    }
    const schema = schemaName(options.schema, "PostgresLedger.open");
    const name = options.name ?? "default";
    if (typeof name !== "string" || name.length === 0 || name.length > 200) {
      throw new TypeError('PostgresLedger.open: option "name" must be a string of 1-200 characters');
    }
    if (options.migrate !== undefined && typeof options.migrate !== "boolean") {
      throw new TypeError('PostgresLedger.open: option "migrate" must be a boolean');
    }
    const reconnectMs = options.reconnectMs ?? 60_000;
    if (!Number.isInteger(reconnectMs) || reconnectMs < 0) {
      throw new TypeError('PostgresLedger.open: option "reconnectMs" must be a non-negative integer');
    }
    const { pool, owned } = poolFor(connection, "PostgresLedger.open");
    try {
      if (options.migrate !== false) await migrate(pool, { schema });
      const { rows } = await withReconnect(
        () =>
          pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${schema}.ledger_entry WHERE ledger = $1`,
            [name],
          ),
        reconnectMs,
      );
      return new PostgresLedger(pool, owned, schema, name, rows[0]?.n ?? 0, reconnectMs);
    } catch (error) {
      if (owned) await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /** Keys held, as of `open` plus this handle's own new keys; see {@link PostgresLedger.count}. */
  get size(): number {
    return this.#size;
  }

  /** Counts the keys now held by every process, and updates `size`. */
  async count(): Promise<number> {
    this.#assertOpen();
    const { rows } = await this.#query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.schema}.ledger_entry WHERE ledger = $1`,
      [this.name],
    );
    this.#size = rows[0]?.n ?? 0;
    return this.#size;
  }

  async get(key: string): Promise<LedgerEntry | undefined> {
    this.#assertOpen();
    const { rows } = await this.#query<Row>(
      `SELECT key, hash, version, target_id, posted_at FROM ${this.schema}.ledger_entry WHERE ledger = $1 AND key = $2`,
      [this.name, key],
    );
    return rows[0] && toEntry(rows[0]);
  }

  async record(entry: LedgerEntry): Promise<void> {
    this.#assertOpen();
    for (const field of ["key", "hash", "targetId", "postedAt"] as const) {
      if (typeof entry?.[field] !== "string" || entry[field].length === 0) {
        throw new TypeError(`PostgresLedger.record: "${field}" must be a non-empty string`);
      }
    }
    if (
      entry.version !== undefined &&
      typeof entry.version !== "string" &&
      typeof entry.version !== "number"
    ) {
      throw new TypeError('PostgresLedger.record: "version" must be a string or a number');
    }
    const { rows } = await this.#query<{ inserted: boolean }>(
      `INSERT INTO ${this.schema}.ledger_entry (ledger, key, hash, version, target_id, posted_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT (ledger, key) DO UPDATE SET hash = EXCLUDED.hash, version = EXCLUDED.version,
         target_id = EXCLUDED.target_id, posted_at = EXCLUDED.posted_at, recorded_at = now()
       RETURNING (xmax = 0) AS inserted`,
      [
        this.name,
        entry.key,
        entry.hash,
        entry.version === undefined ? null : JSON.stringify(entry.version),
        entry.targetId,
        entry.postedAt,
      ],
    );
    if (rows[0]?.inserted) this.#size++;
  }

  /** Every current entry, read in pages of 1,000 by key (entries recorded meanwhile may or may not appear). */
  async *entries(): AsyncIterable<LedgerEntry> {
    this.#assertOpen();
    let after = "";
    for (;;) {
      const { rows } = await this.#query<Row>(
        `SELECT key, hash, version, target_id, posted_at FROM ${this.schema}.ledger_entry
         WHERE ledger = $1 AND key > $2 ORDER BY key LIMIT 1000`,
        [this.name, after],
      );
      for (const row of rows) yield toEntry(row);
      const last = rows[rows.length - 1];
      if (!last || rows.length < 1000) return;
      after = last.key;
    }
  }

  /** Ends the pool when it was created from a connection string. The ledger must not be used afterwards. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#owned) await this.#pool.end();
  }

  #query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    return withReconnect(() => this.#pool.query<R>(text, values), this.#reconnectMs);
  }

  #assertOpen(): void {
    if (this.#closed) throw new LedgerlineError("LEDGER_CLOSED", "PostgresLedger: used after close()");
  }
}
