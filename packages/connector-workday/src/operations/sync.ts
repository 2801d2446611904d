import type { IntegrationException } from "@ledgerline/canonical";
import { idempotentUpsert, type Ledger, type LedgerlineError, type ValidationError } from "@ledgerline/core";
import type { WorkdayRead } from "../workday-read.js";

/** Options of {@link syncChanged}. */
export interface SyncChangedOptions<T> {
  /** Where the content hashes of what was written are kept (core's `Ledger`: `FileLedger`, `MemoryLedger`). */
  ledger: Ledger;
  /**
   * Writes one changed record downstream and returns its id there. Must upsert by `key` (the canonical key),
   * so a repeat after a crash updates rather than duplicates.
   */
  write: (value: T, key: string) => Promise<string>;
}

/** Outcome of {@link syncChanged}: every record read is in exactly one bucket, none is dropped. */
export interface SyncReport {
  /** Keys written downstream (new or changed since the ledger's hash). */
  written: string[];
  /** Keys whose content the ledger already holds: nothing sent. */
  unchanged: string[];
  /** Records that could not be mapped, with the reason (fields named, values never). */
  rejected: { key: string; error: ValidationError }[];
  /** Records whose write failed, with its error; the ledger is not updated, so the next run retries them. */
  failed: { key: string; error: Error }[];
  /** Integration exceptions raised by the records read (e.g. workers without a cost center). */
  exceptions: IntegrationException[];
}

/**
 * Change detection without a vendor "updated since": reads everything (`reads`, e.g.
 * `workday.resources()`), and writes downstream only the records whose content hash differs from the one
 * the ledger recorded for their key (core's `idempotentUpsert`). `source.updatedAt` (when the record was
 * observed) is left out of the hash, so a second sync of unchanged data writes nothing. One failing write
 * never ends the run: it is reported in `failed`.
 *
 * @example
 * ```ts
 * const report = await syncChanged(workday.resources(), { ledger, write: (r, key) => psa.upsertResource(key, r) });
 * ```
 */
export async function syncChanged<T extends { source: { version: string } }>(
  reads: AsyncIterable<WorkdayRead<T>>,
  options: SyncChangedOptions<T>,
): Promise<SyncReport> {
  const report: SyncReport = { written: [], unchanged: [], rejected: [], failed: [], exceptions: [] };
  for await (const read of reads) {
    if (!read.ok) {
      report.rejected.push({ key: read.key, error: read.error });
      continue;
    }
    report.exceptions.push(...read.exceptions);
    try {
      const result = await idempotentUpsert({
        ledger: options.ledger,
        key: read.key,
        content: read.value,
        hashOptions: { exclude: ["source.updatedAt"] },
        version: read.value.source.version,
        write: () => options.write(read.value, read.key),
      });
      (result.status === "written" ? report.written : report.unchanged).push(read.key);
    } catch (e) {
      report.failed.push({ key: read.key, error: e instanceof Error ? e : (e as LedgerlineError) });
    }
  }
  return report;
}
