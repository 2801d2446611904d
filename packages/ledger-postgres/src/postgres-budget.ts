import type pg from "pg";
import {
  type PostgresConnection,
  type PostgresSchemaOptions,
  poolFor,
  schemaName,
  withReconnect,
} from "./connection.js";
import { migrate } from "./migrations.js";
import { BudgetExhaustedError, type SharedLimit } from "./shared-limit.js";

/** Options of {@link PostgresBudget.open}. */
export interface PostgresBudgetOptions extends PostgresSchemaOptions {
  /** What is budgeted, e.g. `salesforce:00D5g000004ABCD` (one budget per org). 1–200 characters. */
  resource: string;
  /** Requests allowed in any `windowMs` (Salesforce: the org's daily API request allocation). Integer ≥ 1. */
  limit: number;
  /** Length of the sliding window (integer ms). @default 86400000 (24 hours, as Salesforce counts) */
  windowMs?: number;
  /**
   * Buckets the window is counted in (integer 1–1440): spending is recorded per bucket and the window is the
   * last `buckets` buckets, so the budget frees up gradually, as a rolling 24 hours does.
   * @default 24
   */
  buckets?: number;
}

/**
 * A request budget shared across processes — Salesforce's daily API request limit is per org. Each
 * request takes one unit under a transaction-scoped advisory lock for the resource: the sum over the
 * window's buckets is checked and the current bucket incremented in one transaction, so concurrent
 * workers never overspend. As a {@link SharedLimit}, a spent budget rejects the request with
 * {@link BudgetExhaustedError} (not retryable) instead of waiting a day.
 */
export class PostgresBudget implements SharedLimit {
  /** What is budgeted. */
  readonly resource: string;
  /** Requests allowed per window. */
  readonly limit: number;
  readonly #schema: string;
  readonly #pool: pg.Pool;
  readonly #owned: boolean;
  readonly #windowMs: number;
  readonly #bucketMs: number;

  private constructor(
    pool: pg.Pool,
    owned: boolean,
    schema: string,
    o: Required<Pick<PostgresBudgetOptions, "resource" | "limit" | "windowMs" | "buckets">>,
  ) {
    this.#pool = pool;
    this.#owned = owned;
    this.#schema = schema;
    this.resource = o.resource;
    this.limit = o.limit;
    this.#windowMs = o.windowMs;
    this.#bucketMs = Math.max(1, Math.floor(o.windowMs / o.buckets));
  }

  /**
   * Connects and migrates (unless `migrate: false`).
   * @throws TypeError naming the option when an option is invalid
   */
  static async open(connection: PostgresConnection, options: PostgresBudgetOptions): Promise<PostgresBudget> {
    const o = (options ?? {}) as Partial<PostgresBudgetOptions>;
    const schema = schemaName(o.schema, "PostgresBudget.open");
    if (typeof o.resource !== "string" || o.resource.length === 0 || o.resource.length > 200) {
      throw new TypeError('PostgresBudget.open: option "resource" must be a string of 1-200 characters');
    }
    if (!Number.isInteger(o.limit) || (o.limit as number) < 1) {
      throw new TypeError('PostgresBudget.open: option "limit" must be an integer >= 1');
    }
    const windowMs = o.windowMs ?? 86_400_000;
    if (!Number.isInteger(windowMs) || windowMs < 1000) {
      throw new TypeError('PostgresBudget.open: option "windowMs" must be an integer >= 1000');
    }
    const buckets = o.buckets ?? 24;
    if (!Number.isInteger(buckets) || buckets < 1 || buckets > 1440) {
      throw new TypeError('PostgresBudget.open: option "buckets" must be an integer from 1 to 1440');
    }
    const { pool, owned } = poolFor(connection as PostgresConnection, "PostgresBudget.open");
    try {
      if (o.migrate !== false) await migrate(pool, { schema });
      return new PostgresBudget(pool, owned, schema, {
        resource: o.resource,
        limit: o.limit as number,
        windowMs,
        buckets,
      });
    } catch (error) {
      if (owned) await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /** Takes `units` (integer ≥ 1) from the budget if they are left; `false` (nothing taken) otherwise. */
  async take(units = 1): Promise<boolean> {
    if (!Number.isInteger(units) || units < 1)
      throw new TypeError('PostgresBudget.take: "units" must be an integer >= 1');
    return withReconnect(async () => {
      const client = await this.#pool.connect();
      let broken: unknown;
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [
          `ledgerline:budget:${this.resource}`,
        ]);
        const { rows } = await client.query<{ used: number }>(
          `SELECT COALESCE(sum(used), 0)::int AS used FROM ${this.#schema}.vendor_budget
           WHERE resource = $1 AND bucket > now() - $2 * interval '1 millisecond'`,
          [this.resource, this.#windowMs],
        );
        if ((rows[0]?.used ?? 0) + units > this.limit) {
          await client.query("ROLLBACK");
          return false;
        }
        await client.query(
          `INSERT INTO ${this.#schema}.vendor_budget (resource, bucket, used)
           VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) * 1000 / $2) * $2 / 1000.0), $3)
           ON CONFLICT (resource, bucket) DO UPDATE SET used = ${this.#schema}.vendor_budget.used + EXCLUDED.used`,
          [this.resource, this.#bucketMs, units],
        );
        await client.query("COMMIT");
        return true;
      } catch (error) {
        broken = error;
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release(broken !== undefined);
      }
    });
  }

  /** Units left in the current window. */
  async remaining(): Promise<number> {
    const { rows } = await withReconnect(() =>
      this.#pool.query<{ used: number }>(
        `SELECT COALESCE(sum(used), 0)::int AS used FROM ${this.#schema}.vendor_budget
         WHERE resource = $1 AND bucket > now() - $2 * interval '1 millisecond'`,
        [this.resource, this.#windowMs],
      ),
    );
    return Math.max(0, this.limit - (rows[0]?.used ?? 0));
  }

  /** Takes one unit, or rejects with {@link BudgetExhaustedError}. The returned release does nothing (spent is spent). */
  async acquire(): Promise<() => Promise<void>> {
    if (!(await this.take(1))) throw new BudgetExhaustedError(this.resource);
    return async () => undefined;
  }

  /** Ends the pool when it was created from a connection string. */
  async close(): Promise<void> {
    if (this.#owned) await this.#pool.end();
  }
}
