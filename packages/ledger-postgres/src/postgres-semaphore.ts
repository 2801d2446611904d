import { randomUUID } from "node:crypto";
import { AbortedError } from "@ledgerline/core";
import type pg from "pg";
import {
  isConnectionError,
  type PostgresConnection,
  type PostgresSchemaOptions,
  poolFor,
  schemaName,
  withReconnect,
} from "./connection.js";
import { migrate } from "./migrations.js";
import { napping, type SharedLimit } from "./shared-limit.js";

/** Options of {@link PostgresSemaphore.open}. */
export interface PostgresSemaphoreOptions extends PostgresSchemaOptions {
  /** What is limited, e.g. `netsuite:123456_SB1` (one semaphore per vendor account). 1–200 characters. */
  resource: string;
  /** Slots in all, across every process (NetSuite: the account's concurrency limit). Integer ≥ 1. */
  limit: number;
  /**
   * How long a slot stays taken without being given back (integer ms ≥ 1000): a process killed while
   * holding slots frees them after this. Must exceed the longest request (its timeout), or a slow request
   * may share its slot with another.
   * @default 60000
   */
  leaseMs?: number;
  /** Longest pause between two attempts to take a slot while all are taken (integer ms ≥ 1). @default 25 */
  maxPollMs?: number;
}

interface Waiter {
  resolve: (release: () => Promise<void>) => void;
  reject: (error: unknown) => void;
}

/**
 * A counting semaphore in Postgres: `limit` rows (`<schema>.vendor_slot`, one per slot) that processes
 * lease with `UPDATE … FOR UPDATE SKIP LOCKED` and give back after the request. A slot whose holder
 * died comes back when its lease ends (`leaseMs`). In each process one waiter at a time polls the
 * database (with a growing pause up to `maxPollMs`, and at once when a local slot is given back), so N
 * waiting requests do not make N pollers. Survives a database restart: waiting continues until the
 * database answers again.
 */
export class PostgresSemaphore implements SharedLimit {
  /** What is limited. */
  readonly resource: string;
  /** Slots in all. */
  readonly limit: number;
  readonly #schema: string;
  readonly #pool: pg.Pool;
  readonly #owned: boolean;
  readonly #leaseMs: number;
  readonly #maxPollMs: number;
  readonly #waiters: Waiter[] = [];
  #polling = false;
  #wake: (() => void) | undefined;
  #closed = false;

  private constructor(
    pool: pg.Pool,
    owned: boolean,
    schema: string,
    options: Required<Pick<PostgresSemaphoreOptions, "resource" | "limit" | "leaseMs" | "maxPollMs">>,
  ) {
    this.#pool = pool;
    this.#owned = owned;
    this.#schema = schema;
    this.resource = options.resource;
    this.limit = options.limit;
    this.#leaseMs = options.leaseMs;
    this.#maxPollMs = options.maxPollMs;
  }

  /**
   * Connects, migrates (unless `migrate: false`) and makes sure the `limit` slot rows exist.
   * @throws TypeError naming the option when an option is invalid
   */
  static async open(
    connection: PostgresConnection,
    options: PostgresSemaphoreOptions,
  ): Promise<PostgresSemaphore> {
    const o = (options ?? {}) as Partial<PostgresSemaphoreOptions>;
    const schema = schemaName(o.schema, "PostgresSemaphore.open");
    if (typeof o.resource !== "string" || o.resource.length === 0 || o.resource.length > 200) {
      throw new TypeError('PostgresSemaphore.open: option "resource" must be a string of 1-200 characters');
    }
    if (!Number.isInteger(o.limit) || (o.limit as number) < 1) {
      throw new TypeError('PostgresSemaphore.open: option "limit" must be an integer >= 1');
    }
    const leaseMs = o.leaseMs ?? 60_000;
    if (!Number.isInteger(leaseMs) || leaseMs < 1000) {
      throw new TypeError('PostgresSemaphore.open: option "leaseMs" must be an integer >= 1000');
    }
    const maxPollMs = o.maxPollMs ?? 25;
    if (!Number.isInteger(maxPollMs) || maxPollMs < 1) {
      throw new TypeError('PostgresSemaphore.open: option "maxPollMs" must be an integer >= 1');
    }
    const { pool, owned } = poolFor(connection as PostgresConnection, "PostgresSemaphore.open");
    try {
      if (o.migrate !== false) await migrate(pool, { schema });
      await withReconnect(() =>
        pool.query(
          `INSERT INTO ${schema}.vendor_slot (resource, slot)
           SELECT $1, g FROM generate_series(0, $2 - 1) AS g ON CONFLICT DO NOTHING`,
          [o.resource, o.limit],
        ),
      );
      return new PostgresSemaphore(pool, owned, schema, {
        resource: o.resource,
        limit: o.limit as number,
        leaseMs,
        maxPollMs,
      });
    } catch (error) {
      if (owned) await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /** Waits for a free slot and takes it; resolves to the function that gives it back. */
  acquire(signal?: AbortSignal): Promise<() => Promise<void>> {
    if (this.#closed) return Promise.reject(new Error("PostgresSemaphore: used after close()"));
    if (signal?.aborted) return Promise.reject(new AbortedError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
        reject: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        const at = this.#waiters.indexOf(waiter);
        if (at >= 0) this.#waiters.splice(at, 1);
        reject(new AbortedError());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiters.push(waiter);
      void this.#poll();
    });
  }

  /** Slots taken now (unexpired leases) across every process. */
  async inUse(): Promise<number> {
    const { rows } = await this.#pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.#schema}.vendor_slot
       WHERE resource = $1 AND slot < $2 AND holder IS NOT NULL AND expires_at > now()`,
      [this.resource, this.limit],
    );
    return rows[0]?.n ?? 0;
  }

  /** Rejects every waiter and ends the pool when it was created from a connection string. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new Error("PostgresSemaphore: closed"));
    this.#wake?.();
    if (this.#owned) await this.#pool.end();
  }

  async #poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      let pause = 1;
      while (this.#waiters.length > 0 && !this.#closed) {
        let release: (() => Promise<void>) | undefined;
        try {
          release = await this.#tryTake();
        } catch (error) {
          if (!isConnectionError(error)) {
            this.#waiters.shift()?.reject(error);
            continue;
          }
          pause = 500; // the database is away: wait for it, then carry on
        }
        if (release) {
          pause = 1;
          const waiter = this.#waiters.shift();
          if (waiter) waiter.resolve(release);
          else await release();
          continue;
        }
        const nap = napping(pause);
        this.#wake = nap.wake;
        await nap.done;
        this.#wake = undefined;
        pause = Math.min(this.#maxPollMs, pause * 2);
      }
    } finally {
      this.#polling = false;
    }
  }

  async #tryTake(): Promise<(() => Promise<void>) | undefined> {
    const holder = randomUUID();
    const { rows } = await this.#pool.query<{ slot: number }>(
      `UPDATE ${this.#schema}.vendor_slot AS s
       SET holder = $3, expires_at = now() + $4 * interval '1 millisecond'
       FROM (SELECT slot FROM ${this.#schema}.vendor_slot
             WHERE resource = $1 AND slot < $2 AND (holder IS NULL OR expires_at <= now())
             ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED) AS free
       WHERE s.resource = $1 AND s.slot = free.slot
       RETURNING s.slot`,
      [this.resource, this.limit, holder, this.#leaseMs],
    );
    const slot = rows[0]?.slot;
    if (slot === undefined) return undefined;
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      try {
        await withReconnect(
          () =>
            this.#pool.query(
              `UPDATE ${this.#schema}.vendor_slot SET holder = NULL, expires_at = NULL
               WHERE resource = $1 AND slot = $2 AND holder = $3`,
              [this.resource, slot, holder],
            ),
          this.#leaseMs,
        );
      } catch {
        // The lease runs out by itself.
      }
      this.#wake?.();
    };
  }
}
