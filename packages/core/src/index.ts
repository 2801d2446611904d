/** Name of this package, as published to npm. */
export const PACKAGE_NAME = "@ledgerline/core";

// Idempotency, ledger, batch runner (issue 4)
export {
  type BatchContext,
  type BatchHandler,
  type BatchIssue,
  type BatchOptions,
  type BatchOutcome,
  type BatchProgress,
  type BatchReport,
  type BatchResult,
  runBatch,
} from "./batch.js";
export { type ContentHashOptions, canonicalJson, contentHash } from "./content-hash.js";
export { type IdempotencyKeyInput, type IdempotencyKeyOptions, idempotencyKey } from "./idempotency-key.js";
export { type IdempotentUpsertOptions, idempotentUpsert, type UpsertResult } from "./idempotent-upsert.js";
export type { Ledger, LedgerEntry } from "./ledger.js";
export { MemoryLedger } from "./memory-ledger.js";
