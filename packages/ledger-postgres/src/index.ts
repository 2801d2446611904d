/**
 * `@ledgerline/ledger-postgres` — scale-out on PostgreSQL: a shared {@link PostgresLedger} (core's `Ledger`,
 * deduplicated by the database's unique constraints), queue workers on pg-boss in the same database
 * ({@link PostingQueue}, with a dead-letter report), and vendor limits shared across processes
 * ({@link PostgresSemaphore}, {@link PostgresBudget}, composed with core's limiter by {@link SharedLimiter}).
 * Migrations run on start and are safe when several workers start at once.
 * @packageDocumentation
 */

/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/ledger-postgres";

export type { PostgresConnection, PostgresSchemaOptions } from "./connection.js";
export type { DeadLetter, DeadLetterError, DeadLetterReport } from "./dead-letter.js";
export { type MigrationResult, migrate, SCHEMA_VERSION } from "./migrations.js";
export { PostgresBudget, type PostgresBudgetOptions } from "./postgres-budget.js";
export { PostgresLedger, type PostgresLedgerOptions } from "./postgres-ledger.js";
export { PostgresSemaphore, type PostgresSemaphoreOptions } from "./postgres-semaphore.js";
export {
  PostingQueue,
  type PostingQueueOptions,
  type QueueCounts,
  type QueueWorker,
  type WorkOptions,
  type WorkOutcome,
} from "./posting-queue.js";
export {
  BudgetExhaustedError,
  type SharedLimit,
  SharedLimiter,
  type SharedLimiterOptions,
} from "./shared-limit.js";
