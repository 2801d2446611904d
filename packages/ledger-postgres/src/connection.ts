import pg from "pg";

/** Where the Postgres objects live: a connection string (`postgres://user@host:5432/db`) or your own `pg.Pool`. */
export type PostgresConnection = string | pg.Pool;

/** Options every Postgres-backed object of this package shares. */
export interface PostgresSchemaOptions {
  /**
   * Schema holding Ledgerline's tables (created by the migrations). Lower-case letters, digits and `_`,
   * starting with a letter or `_`, at most 63 characters.
   * @default "ledgerline"
   */
  schema?: string;
  /**
   * Run the migrations before first use (safe when several workers start at once: they take a
   * transaction-scoped advisory lock). `false` when a deploy step runs {@link migrate} itself.
   * @default true
   */
  migrate?: boolean;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema name, checked (it is interpolated into SQL as an identifier). @internal */
export function schemaName(schema: unknown, owner: string): string {
  const name = schema ?? "ledgerline";
  if (typeof name !== "string" || !SCHEMA.test(name)) {
    throw new TypeError(
      `${owner}: option "schema" must be 1-63 of a-z, 0-9 and _ (not starting with a digit)`,
    );
  }
  return name;
}

/** A pool for `connection`, and whether this package owns it (and so ends it on close). @internal */
export function poolFor(connection: PostgresConnection, owner: string): { pool: pg.Pool; owned: boolean } {
  if (connection instanceof pg.Pool) return { pool: connection, owned: false };
  if (typeof connection !== "string" || connection.length === 0) {
    throw new TypeError(`${owner}: "connection" must be a postgres:// connection string or a pg.Pool`);
  }
  const pool = new pg.Pool({ connectionString: connection, max: 10 });
  // An idle connection the server closed (restart, pg_terminate_backend) errors on the pool; the pool
  // drops it and opens a new one on the next query. Without a listener Node would crash the process.
  pool.on("error", () => undefined);
  return { pool, owned: true };
}

/** Postgres error codes meaning "the connection went away; the same statement may succeed on a new one". */
const CONNECTION_CODES = new Set(["57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004"]);

/** Whether `error` is a lost or refused connection (server restart, terminated backend), worth retrying. @internal */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (typeof e?.code === "string" && (CONNECTION_CODES.has(e.code) || e.code.startsWith("ECONN")))
    return true;
  return (
    typeof e?.message === "string" &&
    /Connection terminated|connection.*(closed|ended)|terminating connection|ECONNREFUSED|ECONNRESET|the database system is (starting|shutting) up/i.test(
      e.message,
    )
  );
}

/**
 * Runs `fn`, retrying it while the database is unreachable (restart, terminated connection), with a
 * growing pause up to `maxWaitMs` in all. Only for statements that are safe to repeat. @internal
 */
export async function withReconnect<T>(fn: () => Promise<T>, maxWaitMs = 60_000): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isConnectionError(error) || Date.now() - started > maxWaitMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
    }
  }
}
