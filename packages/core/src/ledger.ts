/** What was posted for one idempotency key: the last successful write. */
export interface LedgerEntry {
  /** Idempotency key (usually from `idempotencyKey`), also the external id in the target. */
  key: string;
  /** Content hash of what was written (usually from `contentHash`). */
  hash: string;
  /** Source version that was written, if known. */
  version?: string | number;
  /** Id the target system gave the record (e.g. the NetSuite internal id). */
  targetId: string;
  /** When the write was confirmed, as an ISO 8601 instant. */
  postedAt: string;
}

/**
 * Store of what was posted, keyed by idempotency key. `get` returns the latest entry recorded for a key.
 * Implementations: `MemoryLedger` (tests, short-lived jobs) and `FileLedger` (durable, crash-safe journal).
 */
export interface Ledger {
  /** The latest entry for `key`, or `undefined` when nothing was recorded. */
  get(key: string): Promise<LedgerEntry | undefined>;
  /** Records (or replaces) the entry for `entry.key`. Resolves once the entry is durable for this store. */
  record(entry: LedgerEntry): Promise<void>;
  /** Every current entry (latest per key), in no particular order. */
  entries(): AsyncIterable<LedgerEntry>;
  /** Number of keys held. */
  readonly size: number;
  /** Flushes and releases resources. The ledger must not be used afterwards. */
  close(): Promise<void>;
}
