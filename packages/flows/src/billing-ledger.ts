import { canonicalKey } from "@ledgerline/canonical";
import { contentHash, type Ledger } from "@ledgerline/core";

/**
 * Ledger keys of billing. Besides the entries the NetSuite client writes (one per invoice, keyed by the
 * invoice's external id, and one per posted time bill / expense report, keyed by the record's canonical
 * key), billing writes:
 * - `billed/<work key>` → the external id of the invoice that bills the time entry or expense (recorded
 *   before the invoice is sent, so a crash never lets the same work onto a second invoice);
 * - `xref/<invoice key>` → the Kantata external reference that carries the invoice id back to the PSA.
 */
export const BILLED_PREFIX = "billed/";
/** See {@link BILLED_PREFIX}. */
export const XREF_PREFIX = "xref/";
/** `targetId` of a `billed/` entry whose work was taken off an invoice before the invoice was written. */
export const RELEASED = "released";

/**
 * The external id of an invoice, from its parts: `inv-<parts>` when that is a canonical key, otherwise a
 * hashed canonical key of the same parts (always letters, digits, `_` and `-`, at most 120 characters).
 */
export function invoiceKey(kind: "milestone" | "tm", ...parts: string[]): string {
  const plain = `inv-${kind}-${parts.join("-")}`;
  if (/^[a-z0-9_-]{1,120}$/.test(plain)) return plain;
  return canonicalKey({ system: "ledgerline", type: `${kind}_invoice`, id: parts.join("/") });
}

/** Every `billed/` assignment in the ledger: work key → invoice key (released ones left out). */
export async function billedAssignments(ledger: Ledger): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const entry of ledger.entries()) {
    if (!entry.key.startsWith(BILLED_PREFIX) || entry.targetId === RELEASED) continue;
    out.set(entry.key.slice(BILLED_PREFIX.length), entry.targetId);
  }
  return out;
}

/** Assigns work to an invoice (or releases it with {@link RELEASED}), durably for the ledger. */
export async function assignWork(ledger: Ledger, workKey: string, invoice: string, now: Date): Promise<void> {
  await ledger.record({
    key: `${BILLED_PREFIX}${workKey}`,
    hash: contentHash({ invoice }),
    targetId: invoice,
    postedAt: now.toISOString(),
  });
}
