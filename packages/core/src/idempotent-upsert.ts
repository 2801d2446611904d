import { z } from "zod";
import { type ContentHashOptions, contentHash } from "./content-hash.js";
import { isLegacyContentHash, legacyContentHash } from "./content-hash-v1.js";
import type { Ledger, LedgerEntry } from "./ledger.js";
import {
  fnOption,
  ledgerOption,
  nonEmptyString,
  optionsObject,
  parseOptions,
  stringList,
} from "./options.js";

/** Arguments of {@link idempotentUpsert}. Give `content` (preferred) or a precomputed `hash`. */
export interface IdempotentUpsertOptions {
  /** Where postings are recorded. Must implement {@link Ledger} (`get`, `record`, `entries`, `close`). */
  ledger: Ledger;
  /** Idempotency key of the record (also its external id in the target). */
  key: string;
  /**
   * What would be written; its {@link contentHash} (with `hashOptions`) is the hash compared and recorded.
   * With `content`, an entry holding the pre-0.1 unversioned hash of the same content counts as unchanged
   * (and is upgraded in the ledger to the current form) instead of being written again.
   */
  content?: unknown;
  /** Options of the content hash (volatile fields to exclude). */
  hashOptions?: ContentHashOptions;
  /**
   * Content hash of what would be written, when the caller computes it (`content` is then only used to
   * recognise a legacy entry). One of `hash` and `content` is required.
   */
  hash?: string;
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
  /** `"written"`: `write` ran and was recorded; `"unchanged"`: the ledger held this content, nothing sent. */
  status: "written" | "unchanged";
  /** Id of the record in the target. */
  targetId: string;
  /** The ledger entry after the call. */
  entry: LedgerEntry;
}

const upsertSchema = optionsObject({
  ledger: ledgerOption,
  key: nonEmptyString,
  hash: nonEmptyString.optional(),
  hashOptions: optionsObject({ exclude: stringList.optional() }).optional(),
  version: z.union([z.string(), z.number()], { error: "must be a string or a number" }).optional(),
  write: fnOption(),
  now: fnOption().optional(),
}).refine((o) => o.hash !== undefined || "content" in o, {
  path: ["content"],
  message: "is required when no hash is given (give content, or a hash)",
});

const inFlight = new WeakMap<Ledger, Map<string, Promise<unknown>>>();

/**
 * Writes a record unless the ledger already holds the same content hash for its key, then records it.
 * Calls for the same key on the same ledger are serialised, so two concurrent calls never both write.
 * If `write` throws, nothing is recorded and the error propagates (a later call writes again). If the
 * write succeeded but recording it fails (or the process dies in between), the next call writes again —
 * harmless, because `write` upserts by external id.
 * @example
 * const result = await idempotentUpsert({
 *   ledger, key, content: body, version: entry.source.version,
 *   write: async () => (await client.upsertTimeBill(key, body)).id,
 * });
 * @throws TypeError naming the option when an option is invalid (e.g. `ledger` is not a Ledger)
 */
export async function idempotentUpsert(options: IdempotentUpsertOptions): Promise<UpsertResult> {
  parseOptions(upsertSchema, options, "idempotentUpsert");
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
  const { ledger, key, version } = options;
  const hasContent = "content" in options;
  const hash = options.hash ?? contentHash(options.content, options.hashOptions);
  const existing = await ledger.get(key);
  if (existing && existing.hash === hash) {
    return { status: "unchanged", targetId: existing.targetId, entry: existing };
  }
  if (
    existing &&
    hasContent &&
    isLegacyContentHash(existing.hash) &&
    existing.hash === legacyContentHash(options.content, options.hashOptions)
  ) {
    // Written before hashes were versioned, and unchanged since: upgrade the entry, send nothing.
    const upgraded: LedgerEntry = { ...existing, hash };
    await ledger.record(upgraded);
    return { status: "unchanged", targetId: existing.targetId, entry: upgraded };
  }
  const written = await options.write(existing);
  const targetId = typeof written === "string" ? written : written?.targetId;
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
