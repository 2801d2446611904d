import type { Ledger, LedgerEntry } from "./ledger.js";

/** Arguments of {@link idempotentUpsert}. */
export interface IdempotentUpsertOptions {
  /** Where postings are recorded. */
  ledger: Ledger;
  /** Idempotency key of the record (also its external id in the target). */
  key: string;
  /** Content hash of what would be written. */
  hash: string;
  /** Source version, recorded with the entry. */
  version?: string | number;
  /**
   * Performs the write and returns the target's id for the record. It must be an upsert by external id
   * (`key`) in the target, so that a repeat after a crash or an ambiguous timeout updates rather than
   * duplicates: that is the final guard, the ledger only saves the call.
   */
  write: (previous: LedgerEntry | undefined) => Promise<string | { targetId: string }>;
  /** Clock for `postedAt`. @default () => new Date() */
  now?: () => Date;
}

/** Outcome of {@link idempotentUpsert}. */
export interface UpsertResult {
  /** `"written"`: `write` ran and was recorded; `"unchanged"`: the ledger held this hash, nothing sent. */
  status: "written" | "unchanged";
  /** Id of the record in the target. */
  targetId: string;
  /** The ledger entry after the call. */
  entry: LedgerEntry;
}

const inFlight = new WeakMap<Ledger, Map<string, Promise<unknown>>>();

/**
 * Writes a record unless the ledger already holds the same content hash for its key, then records it.
 * Calls for the same key on the same ledger are serialised, so two concurrent calls never both write.
 * If `write` throws, nothing is recorded and the error propagates (a later call writes again). If the
 * write succeeded but recording it fails (or the process dies in between), the next call writes again —
 * harmless, because `write` upserts by external id.
 * @example
 * const result = await idempotentUpsert({
 *   ledger, key, hash: contentHash(entry), version: entry.source.version,
 *   write: async () => (await client.upsertTimeBill(key, body)).id,
 * });
 */
export async function idempotentUpsert(options: IdempotentUpsertOptions): Promise<UpsertResult> {
  const { ledger, key } = options;
  let perLedger = inFlight.get(ledger);
  if (!perLedger) {
    perLedger = new Map();
    inFlight.set(ledger, perLedger);
  }
  const previous = perLedger.get(key) ?? Promise.resolve();
  const run = previous.then(
    () => upsertOnce(options),
    () => upsertOnce(options),
  );
  const settled = run.catch(() => undefined);
  perLedger.set(key, settled);
  try {
    return await run;
  } finally {
    if (perLedger.get(key) === settled) perLedger.delete(key);
  }
}

async function upsertOnce(options: IdempotentUpsertOptions): Promise<UpsertResult> {
  const { ledger, key, hash, version } = options;
  if (typeof key !== "string" || key.length === 0) {
    throw new TypeError('idempotentUpsert: "key" must be a non-empty string');
  }
  if (typeof hash !== "string" || hash.length === 0) {
    throw new TypeError('idempotentUpsert: "hash" must be a non-empty string');
  }
  const existing = await ledger.get(key);
  if (existing && existing.hash === hash) {
    return { status: "unchanged", targetId: existing.targetId, entry: existing };
  }
  const written = await options.write(existing);
  const targetId = typeof written === "string" ? written : written.targetId;
  if (typeof targetId !== "string" || targetId.length === 0) {
    throw new TypeError(`idempotentUpsert: write() for key "${key}" returned no target id`);
  }
  const entry: LedgerEntry = {
    key,
    hash,
    targetId,
    postedAt: (options.now?.() ?? new Date()).toISOString(),
    ...(version === undefined ? {} : { version }),
  };
  await ledger.record(entry);
  return { status: "written", targetId, entry };
}
