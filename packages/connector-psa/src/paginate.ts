import { readAhead, ValidationError } from "@ledgerline/core";
import { type WalkedRecord, walkEnvelope } from "./envelope.js";
import type { KantataKey, KantataMeta } from "./kantata-types.js";
import { type KantataQuery, MAX_PER_PAGE, type PageFetcher } from "./page-fetcher.js";

/** One page of a Kantata list read: its records in response order, and its paging metadata if sent. */
export interface KantataPage<K extends KantataKey> {
  /** Requested records in `results` order, each with its side-loaded records. */
  records: WalkedRecord<K>[];
  /** `meta` of the response (`count`, `page_count`, `page_number`, `page_size`) — Kantata often omits it. */
  meta: KantataMeta | undefined;
}

/** Options of {@link paginate}. */
export interface PaginateOptions {
  /** Records per request, 1–200. @default 200 */
  perPage?: number | undefined;
  /** Aborts between (and during) requests. */
  signal?: AbortSignal | undefined;
  /**
   * Pages requested ahead of the one being consumed, so the next page is on the wire while the caller
   * works on this one (core's `readAhead`); `0` reads on demand. Memory stays at `readAhead + 1` pages.
   * @default 1
   */
  readAhead?: number | undefined;
}

/**
 * Reads every page of a Kantata list endpoint from `page=1`, yielding each page's records in `results`
 * order with their includes resolved. Paging never depends on `meta` or `count` (Kantata does not always
 * send them): the read stops after a page with fewer `results` than `per_page`, or an empty one. A
 * malformed page is a {@link ValidationError} naming what is missing (see `walkEnvelope`). The next page is
 * fetched while the caller works on the current one (`readAhead`, default 1).
 */
export function paginate<K extends KantataKey>(
  fetchPage: PageFetcher,
  key: K,
  query: KantataQuery = {},
  options: PaginateOptions = {},
): AsyncGenerator<KantataPage<K>, void, undefined> {
  return readAhead(readPages(fetchPage, key, query, options), { ahead: options.readAhead ?? 1 });
}

async function* readPages<K extends KantataKey>(
  fetchPage: PageFetcher,
  key: K,
  query: KantataQuery,
  options: PaginateOptions,
): AsyncGenerator<KantataPage<K>, void, undefined> {
  const perPage = checkPerPage(options.perPage);
  for (let page = 1; ; page++) {
    const envelope = await fetchPage(key, { ...query, page, per_page: perPage }, options.signal);
    const records = walkEnvelope(envelope, key);
    yield { records, meta: metaOf(envelope) };
    if (isLastPage(envelope, perPage)) return;
  }
}

/** Whether a page is the last: fewer `results` than `perPage` (or none). `meta` is not consulted. */
export function isLastPage(envelope: { results: readonly unknown[] }, perPage: number): boolean {
  return envelope.results.length < perPage;
}

/** `meta` when the response sent a well-formed one, else `undefined`. */
export function metaOf(envelope: { meta?: KantataMeta | undefined }): KantataMeta | undefined {
  const meta: unknown = envelope.meta;
  return typeof meta === "object" && meta !== null ? (meta as KantataMeta) : undefined;
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
