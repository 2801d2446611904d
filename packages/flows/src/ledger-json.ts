import { contentHash, type Ledger } from "@ledgerline/core";

/**
 * Small JSON values a flow keeps with the ledger (the workforce's assignments, pending mapping changes,
 * checkpoints), so they share the ledger's guarantees: durable with a `FileLedger`, shared with a Postgres
 * ledger. The value is stored as the entry's `targetId` (JSON), its content hash as the `hash`.
 */
export async function readJson<T>(ledger: Ledger, key: string): Promise<T | undefined> {
  const entry = await ledger.get(key);
  return entry === undefined ? undefined : (JSON.parse(entry.targetId) as T);
}

/** Stores `value` (JSON) under `key`; see {@link readJson}. */
export async function writeJson(
  ledger: Ledger,
  key: string,
  value: unknown,
  now = new Date(),
): Promise<void> {
  await ledger.record({
    key,
    hash: contentHash(value),
    targetId: JSON.stringify(value),
    postedAt: now.toISOString(),
  });
}

/** Every JSON value stored under keys starting with `prefix`, with its key. */
export async function* jsonEntries<T>(
  ledger: Ledger,
  prefix: string,
): AsyncIterable<{ key: string; value: T }> {
  for await (const entry of ledger.entries()) {
    if (entry.key.startsWith(prefix)) yield { key: entry.key, value: JSON.parse(entry.targetId) as T };
  }
}
