import { isRetryable, ValidationError } from "@ledgerline/core";
import pg from "pg";
import PgBoss from "pg-boss";
import { isConnectionError, type PostgresSchemaOptions, schemaName } from "./connection.js";
import {
  type DeadLetter,
  type DeadLetterError,
  type DeadLetterReport,
  describeError,
} from "./dead-letter.js";
import { napping } from "./shared-limit.js";

/**
 * Options of {@link PostingQueue.open}. `retryLimit`, `retryDelaySeconds` and `expireInSeconds` are fixed
 * when the queue is created — by the first `open` of that name; later opens with other values keep the
 * queue's (every worker follows each record's own limits).
 */
export interface PostingQueueOptions extends PostgresSchemaOptions {
  /** Queue name, e.g. `netsuite-time` (its dead-letter queue is `<name>.dead-letter`). 1–100 of a-z, 0-9, `_`, `-`, `.`. */
  name: string;
  /** Attempts after the first for a record that failed with a retryable error. @default 5 */
  retryLimit?: number;
  /** Seconds before the first retry, doubling (with jitter) each time. @default 1 */
  retryDelaySeconds?: number;
  /**
   * Seconds a worker may hold a record before it is given to another worker: a worker killed mid-record
   * loses it for this long. Must exceed the longest post (with its retries).
   * @default 60
   */
  expireInSeconds?: number;
  /** Connections in the queue's pool, per process. @default 10 */
  poolSize?: number;
  /** How often (seconds) expired records are returned to the queue. @default 10 */
  maintenanceIntervalSeconds?: number;
}

/** How a worker consumes: see {@link PostingQueue.work}. */
export interface WorkOptions {
  /** Records handled at once by this worker (integer ≥ 1). The vendor limit still applies on top. @default 10 */
  concurrency?: number;
  /** Pause when the queue is empty, before asking again (ms). @default 500 */
  pollIntervalMs?: number;
  /** Called with every error the loop itself meets (a lost connection, …) — it carries on after them. */
  onError?: (error: unknown) => void;
  /** Called with each record's outcome. */
  onOutcome?: (outcome: WorkOutcome) => void;
}

/** What happened to one record a worker took. */
export interface WorkOutcome {
  key: string;
  /** `done`: the handler resolved; `retry`: it failed retryably and goes back to the queue; `dead-letter`: set aside with its error. */
  status: "done" | "retry" | "dead-letter";
  /** The handler's result, for `done`. */
  result?: unknown;
  /** The error, for `retry` and `dead-letter`. */
  error?: DeadLetterError;
}

/** A running worker loop. */
export interface QueueWorker {
  /** Stops taking records, waits for the ones in hand to finish, and resolves. */
  stop(): Promise<void>;
  /** Records this worker has finished (done, retried or dead-lettered). */
  readonly handled: number;
}

/** How many records of a queue are in each state. */
export interface QueueCounts {
  /** Waiting to be taken (including retries waiting for their delay). */
  queued: number;
  /** Held by a worker now. */
  active: number;
  /** Finished. */
  completed: number;
  /** In the dead-letter queue. */
  deadLettered: number;
}

interface Envelope<T> {
  key: string;
  record: T;
}

interface DeadEnvelope<T> extends Envelope<T> {
  queue: string;
  error: DeadLetterError;
  attempts: number;
  failedAt: string;
}

const QUEUE_NAME = /^[a-z0-9_.-]{1,100}$/;
const OPTION_KEYS = new Set([
  "schema",
  "migrate",
  "name",
  "retryLimit",
  "retryDelaySeconds",
  "expireInSeconds",
  "poolSize",
  "maintenanceIntervalSeconds",
]);

function integerOption(owner: string, name: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < min) {
    throw new TypeError(`${owner}: option "${name}" must be an integer >= ${min}`);
  }
  return value as number;
}

/**
 * Queue-based buffering on pg-boss, in the same Postgres as the ledger: producers enqueue canonical
 * records keyed by canonical key, N worker processes take them (`FOR UPDATE SKIP LOCKED`), post them and
 * record them in the shared ledger. A record already waiting under the same key is not queued twice
 * (pg-boss' `short` policy: a unique index on the key among waiting jobs). A retryable failure goes back
 * with a growing delay; a rejection (a `ValidationError` or any non-retryable error) or a record out of
 * retries goes to the dead-letter queue with its error, in the same transaction that completes it — and
 * {@link PostingQueue.deadLetterReport} reports it. A record a killed worker held returns after
 * `expireInSeconds`; the ledger makes that second attempt a no-op when the first one had been recorded.
 */
export class PostingQueue<T = unknown> {
  /** Queue name. */
  readonly name: string;
  /** Dead-letter queue name. */
  readonly deadLetterName: string;
  readonly #boss: PgBoss;
  readonly #pool: pg.Pool;
  readonly #bossSchema: string;
  #closed = false;

  private constructor(boss: PgBoss, pool: pg.Pool, bossSchema: string, name: string) {
    this.#boss = boss;
    this.#pool = pool;
    this.#bossSchema = bossSchema;
    this.name = name;
    this.deadLetterName = `${name}.dead-letter`;
  }

  /**
   * Connects, runs pg-boss' migrations (in schema `<schema>_queue`, under pg-boss' own advisory lock, so
   * several workers may start at once) unless `migrate: false`, and creates the queue and its dead-letter
   * queue if they do not exist.
   * @param connection `postgres://…` connection string
   * @throws TypeError naming the option when an option is invalid
   */
  static async open<T = unknown>(connection: string, options: PostingQueueOptions): Promise<PostingQueue<T>> {
    const owner = "PostingQueue.open";
    if (typeof connection !== "string" || connection.length === 0) {
      throw new TypeError(`${owner}: "connection" must be a postgres:// connection string`);
    }
    if (typeof options !== "object" || options === null)
      throw new TypeError(`${owner}: "options" must be an object`);
    for (const key of Object.keys(options)) {
      if (!OPTION_KEYS.has(key)) throw new TypeError(`${owner}: unknown option "${key}"`);
    }
    const bossSchema = `${schemaName(options.schema, owner)}_queue`;
    if (typeof options.name !== "string" || !QUEUE_NAME.test(options.name)) {
      throw new TypeError(`${owner}: option "name" must be 1-100 of a-z, 0-9, _, - and .`);
    }
    const retryLimit = integerOption(owner, "retryLimit", options.retryLimit, 0, 5);
    const retryDelay = integerOption(owner, "retryDelaySeconds", options.retryDelaySeconds, 0, 1);
    const expireInSeconds = integerOption(owner, "expireInSeconds", options.expireInSeconds, 1, 60);
    const poolSize = integerOption(owner, "poolSize", options.poolSize, 1, 10);
    const maintenance = integerOption(
      owner,
      "maintenanceIntervalSeconds",
      options.maintenanceIntervalSeconds,
      1,
      10,
    );
    const pool = new pg.Pool({ connectionString: connection, max: poolSize });
    pool.on("error", () => undefined); // idle connections lost to a restart: the pool reconnects
    const boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema: bossSchema,
      migrate: options.migrate !== false,
      supervise: true,
      schedule: false,
      maintenanceIntervalSeconds: maintenance,
    });
    boss.on("error", () => undefined); // maintenance errors (database away): pg-boss tries again next interval
    try {
      await boss.start();
      const dead = `${options.name}.dead-letter`;
      // Dead letters are kept 30 days unless retried or discarded.
      await boss.createQueue(dead, { name: dead, policy: "standard", retentionMinutes: 30 * 24 * 60 });
      await boss.createQueue(options.name, {
        name: options.name,
        policy: "short",
        retryLimit,
        retryDelay,
        retryBackoff: retryDelay > 0,
        expireInSeconds,
        deadLetter: dead,
      });
      return new PostingQueue<T>(boss, pool, bossSchema, options.name);
    } catch (error) {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Enqueues records keyed by canonical key, in chunks of 1,000. A key already waiting in the queue is
   * not queued again (counted in `alreadyQueued`).
   */
  async enqueue(
    records: Iterable<T> | AsyncIterable<T>,
    keyOf: (record: T) => string,
  ): Promise<{ enqueued: number; alreadyQueued: number }> {
    this.#assertOpen();
    let enqueued = 0;
    let alreadyQueued = 0;
    let chunk: PgBoss.JobInsert<Envelope<T>>[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      // pg-boss inserts with ON CONFLICT DO NOTHING and does not say how many went in: read the row count.
      let inserted = 0;
      const db = {
        executeSql: async (text: string, values: unknown[]) => {
          const result = await this.#pool.query(text, values);
          inserted += result.rowCount ?? 0;
          return result;
        },
      };
      await this.#boss.insert(chunk, { db });
      enqueued += inserted;
      alreadyQueued += chunk.length - inserted;
      chunk = [];
    };
    const seen = new Set<string>();
    for await (const record of records) {
      const key = keyOf(record);
      if (typeof key !== "string" || key.length === 0) {
        throw new ValidationError("PostingQueue.enqueue: a record has no canonical key", [
          { path: "key", message: "must be a non-empty string" },
        ]);
      }
      if (seen.has(key)) {
        // The same key twice in one chunk would both insert (the unique index sees only committed rows).
        await flush();
        seen.clear();
      }
      seen.add(key);
      chunk.push({ name: this.name, data: { key, record }, singletonKey: key });
      if (chunk.length >= 1000) {
        await flush();
        seen.clear();
      }
    }
    await flush();
    return { enqueued, alreadyQueued };
  }

  /**
   * Starts a worker loop in this process: takes up to `concurrency` records at a time and runs `handler`
   * on each. Resolving completes the record; a retryable error (see core's `isRetryable`; a lost database
   * connection counts too) sends it back for a later attempt while it has retries left; any other error,
   * or the last retry failing, sends it to the dead-letter queue with its error.
   */
  work(
    handler: (record: T, job: { key: string; attempt: number }) => Promise<unknown>,
    options: WorkOptions = {},
  ): QueueWorker {
    this.#assertOpen();
    const concurrency = integerOption("PostingQueue.work", "concurrency", options.concurrency, 1, 10);
    const pollMs = integerOption("PostingQueue.work", "pollIntervalMs", options.pollIntervalMs, 1, 500);
    const onError = options.onError ?? (() => undefined);
    const active = new Set<Promise<void>>();
    const completions = new CompletionBatcher(this.#boss, this.name, onError);
    let stopping = false;
    let handled = 0;
    let wake: (() => void) | undefined;

    const finish = async (job: PgBoss.JobWithMetadata<Envelope<T>>) => {
      const { key, record } = job.data;
      const attempt = job.retryCount + 1;
      try {
        const result = await handler(record, { key, attempt });
        await completions.add(job.id);
        options.onOutcome?.({ key, status: "done", result });
      } catch (error) {
        const described = describeError(error);
        const retryable = isRetryable(error) || isConnectionError(error);
        try {
          // The job's own limit: the queue's options are those of whichever process created it first.
          if (retryable && job.retryCount < job.retryLimit) {
            await this.#boss.fail(this.name, job.id, { error: described });
            options.onOutcome?.({ key, status: "retry", error: described });
          } else {
            await this.#deadLetter(job, described, attempt);
            options.onOutcome?.({ key, status: "dead-letter", error: described });
          }
        } catch (bookkeeping) {
          // The database is away: the record stays active and returns after expireInSeconds.
          onError(bookkeeping);
        }
      } finally {
        handled++;
      }
    };

    const loop = (async () => {
      let pause = pollMs;
      while (!stopping) {
        const free = concurrency - active.size;
        if (free < Math.max(1, Math.floor(concurrency / 2)) && active.size > 0) {
          await Promise.race(active);
          continue;
        }
        let jobs: PgBoss.JobWithMetadata<Envelope<T>>[] = [];
        try {
          jobs =
            (await this.#boss.fetch<Envelope<T>>(this.name, { batchSize: free, includeMetadata: true })) ??
            [];
          pause = pollMs;
        } catch (error) {
          onError(error);
          pause = Math.min(5000, pause * 2);
        }
        if (jobs.length === 0) {
          const nap = napping(pause);
          wake = nap.wake;
          await Promise.race([nap.done, ...active]);
          wake = undefined;
          continue;
        }
        for (const job of jobs) {
          const run = finish(job).finally(() => active.delete(run));
          active.add(run);
        }
      }
      await Promise.allSettled([...active]);
      await completions.flush();
    })();

    return {
      stop: async () => {
        stopping = true;
        wake?.();
        await loop;
      },
      get handled() {
        return handled;
      },
    };
  }

  /** Records per state in this queue and its dead-letter queue. */
  async counts(): Promise<QueueCounts> {
    const { rows } = await this.#pool.query<{ name: string; state: string; n: number }>(
      `SELECT name, state::text AS state, count(*)::int AS n FROM ${this.#bossSchema}.job
       WHERE name IN ($1, $2) GROUP BY name, state`,
      [this.name, this.deadLetterName],
    );
    const counts: QueueCounts = { queued: 0, active: 0, completed: 0, deadLettered: 0 };
    for (const row of rows) {
      if (row.name === this.deadLetterName) {
        if (row.state === "created" || row.state === "retry") counts.deadLettered += row.n;
      } else if (row.state === "created" || row.state === "retry") counts.queued += row.n;
      else if (row.state === "active") counts.active += row.n;
      else if (row.state === "completed" || row.state === "failed") counts.completed += row.n;
    }
    return counts;
  }

  /** The dead letters (oldest first, at most `limit`) and their count per reason. */
  async deadLetterReport(options: { limit?: number } = {}): Promise<DeadLetterReport<T>> {
    const limit = integerOption("PostingQueue.deadLetterReport", "limit", options.limit, 0, 1000);
    const where = `FROM ${this.#bossSchema}.job WHERE name = $1 AND state IN ('created', 'retry')`;
    const reasonOf = `COALESCE(data->'error'->>'code', data->'error'->>'name', 'JOB_EXPIRED')`;
    const [byReason, letters] = await Promise.all([
      this.#pool.query<{ reason: string; n: number }>(
        `SELECT ${reasonOf} AS reason, count(*)::int AS n ${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
        [this.deadLetterName],
      ),
      this.#pool.query<{ id: string; data: Partial<DeadEnvelope<T>>; output: unknown; created_on: Date }>(
        `SELECT id, data, output, created_on ${where} ORDER BY created_on, id LIMIT $2`,
        [this.deadLetterName, limit],
      ),
    ]);
    return {
      queue: this.name,
      total: byReason.rows.reduce((sum, r) => sum + r.n, 0),
      byReason: byReason.rows.map((r) => ({ reason: r.reason, count: r.n })),
      letters: letters.rows.map((row) => toDeadLetter(this.name, row)),
    };
  }

  /**
   * Puts dead letters back in the queue (after the cause was fixed): each is enqueued again under its key
   * and removed from the dead-letter queue, in one transaction. Returns how many were requeued.
   */
  async retryDeadLetters(ids: readonly string[]): Promise<number> {
    this.#assertOpen();
    const client = await this.#pool.connect();
    let broken: unknown;
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ data: Envelope<T> }>(
        `DELETE FROM ${this.#bossSchema}.job WHERE name = $1 AND id = ANY($2::uuid[]) AND state IN ('created', 'retry')
         RETURNING data`,
        [this.deadLetterName, ids],
      );
      const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
      if (rows.length > 0) {
        await this.#boss.insert(
          rows.map((r) => ({
            name: this.name,
            data: { key: r.data.key, record: r.data.record },
            singletonKey: r.data.key,
          })),
          { db },
        );
      }
      await client.query("COMMIT");
      return rows.length;
    } catch (error) {
      broken = error;
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release(broken !== undefined);
    }
  }

  /** Stops pg-boss (maintenance) and ends the pool. Stop every worker first. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#boss.stop({ graceful: false, wait: true, close: false }).catch(() => undefined);
    await this.#pool.end();
  }

  /** Sends the record to the dead-letter queue and completes it, in one transaction. */
  async #deadLetter(
    job: PgBoss.JobWithMetadata<Envelope<T>>,
    error: DeadLetterError,
    attempts: number,
  ): Promise<void> {
    const client = await this.#pool.connect();
    let broken: unknown;
    try {
      await client.query("BEGIN");
      const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
      const letter: DeadEnvelope<T> = {
        key: job.data.key,
        record: job.data.record,
        queue: this.name,
        error,
        attempts,
        failedAt: new Date().toISOString(),
      };
      await this.#boss.send(this.deadLetterName, letter, { db });
      await this.#boss.complete(this.name, job.id, { deadLettered: true }, { db });
      await client.query("COMMIT");
    } catch (e) {
      broken = e;
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      client.release(broken !== undefined);
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error("PostingQueue: used after close()");
  }
}

/** A dead letter from a row: ours carry the error; pg-boss' own (a record that expired on its last try) carry `output`. */
function toDeadLetter<T>(
  queue: string,
  row: { id: string; data: Partial<DeadEnvelope<T>>; output: unknown; created_on: Date },
): DeadLetter<T> {
  const d = row.data;
  const output = row.output as { error?: DeadLetterError; value?: { message?: unknown } } | null;
  const error: DeadLetterError = d.error ??
    output?.error ?? {
      name: "JobExpired",
      code: "JOB_EXPIRED",
      message:
        typeof output?.value?.message === "string"
          ? output.value.message
          : "the record's last attempt did not finish",
    };
  return {
    id: row.id,
    queue: d.queue ?? queue,
    key: d.key ?? "(unknown)",
    record: d.record as T,
    error,
    attempts: d.attempts ?? 0,
    failedAt: d.failedAt ?? row.created_on.toISOString(),
  };
}

/** Completes jobs in batches (one statement per ≤ 100 ids or per 20 ms) instead of one round trip each. */
class CompletionBatcher {
  readonly #boss: PgBoss;
  readonly #queue: string;
  readonly #onError: (error: unknown) => void;
  #ids: string[] = [];
  #waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(boss: PgBoss, queue: string, onError: (error: unknown) => void) {
    this.#boss = boss;
    this.#queue = queue;
    this.#onError = onError;
  }

  add(id: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#ids.push(id);
      this.#waiters.push({ resolve, reject });
      if (this.#ids.length >= 100) void this.flush();
      else this.#timer ??= setTimeout(() => void this.flush(), 20);
    });
  }

  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const ids = this.#ids;
    const waiters = this.#waiters;
    this.#ids = [];
    this.#waiters = [];
    if (ids.length === 0) return;
    try {
      await this.#boss.complete(this.#queue, ids);
      for (const w of waiters) w.resolve();
    } catch (error) {
      // Not completed: the records return after expireInSeconds and the ledger makes them no-ops.
      this.#onError(error);
      for (const w of waiters) w.resolve();
    }
  }
}
