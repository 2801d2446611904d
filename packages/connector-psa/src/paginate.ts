import { ValidationError } from "@ledgerline/core";
import { type WalkedRecord, walkEnvelope } from "./envelope.js";
import type { KantataKey, KantataMeta } from "./kantata-types.js";
import { type KantataQuery, MAX_PER_PAGE, type PageFetcher } from "./page-fetcher.js";

/** One page of a Kantata list read: its records in response order, and its paging metadata. */
export interface KantataPage<K extends KantataKey> {
  /** Requested records in `results` order, each with its side-loaded records. */
  records: WalkedRecord<K>[];
  /** `meta` of the response (`count`, `page_count`, `page_number`, `page_size`). */
  meta: KantataMeta;
}

/** Options of {@link paginate}. */
export interface PaginateOptions {
  /** Records per request, 1–200. @default 200 */
  perPage?: number | undefined;
  /** Aborts between (and during) requests. */
  signal?: AbortSignal | undefined;
}

/**
 * Reads every page of a Kantata list endpoint, `page=1` to `meta.page_count`, yielding each page's records
 * in `results` order with their includes resolved.
 */
export async function* paginate<K extends KantataKey>(
  fetchPage: PageFetcher,
  key: K,
  query: KantataQuery = {},
  options: PaginateOptions = {},
): AsyncGenerator<KantataPage<K>, void, undefined> {
  const perPage = checkPerPage(options.perPage);
  for (let page = 1; ; page++) {
    const envelope = await fetchPage(key, { ...query, page, per_page: perPage }, options.signal);
    const records = walkEnvelope(envelope, key);
    yield { records, meta: envelope.meta };
    if (records.length === 0 || envelope.meta.page_number >= envelope.meta.page_count) return;
  }
}

/** Validates a `perPage` option: an integer from 1 to 200 (default 200). */
export function checkPerPage(perPage: number | undefined, option = "perPage"): number {
  if (perPage === undefined) return MAX_PER_PAGE;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw new ValidationError(`Invalid option ${option}`, [
      { path: option, message: `must be an integer from 1 to ${MAX_PER_PAGE}` },
    ]);
  }
  return perPage;
}
