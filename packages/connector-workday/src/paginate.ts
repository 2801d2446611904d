import { readAhead, ValidationError } from "@ledgerline/core";
import type { WorkdayPage } from "./workday-types.js";

/** Workday's largest page (`limit` at most 100). */
export const MAX_LIMIT = 100;

/** Query parameters of one collection request. */
export type WorkdayQuery = Record<string, string | number | boolean | undefined>;

/** Fetches one raw collection page (`limit` and `offset` set by the caller). Tests may pass their own. */
export type PageFetcher = (path: string, query: WorkdayQuery, signal?: AbortSignal) => Promise<unknown>;

/** Options of {@link paginate}. */
export interface PaginateOptions {
  /** Objects per request, 1–100. @default 100 */
  limit?: number | undefined;
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
 * Reads a Workday collection page by page from `offset=0` (zero-based), `limit` objects at a time, and
 * yields each page's objects as sent. It stops once `offset` reaches the `total` the last page announced,
 * or on an empty page (a collection that shrank while being read), so it never loads everything at once
 * and never loops. A page that is not `{ total: integer ≥ 0, data: array }` is a {@link ValidationError}
 * naming `total` or `data` (code `not_an_envelope`, `invalid_total`, `invalid_data`). The next page is
 * fetched while the caller works on the current one (`readAhead`, default 1).
 */
export function paginate<T = unknown>(
  fetchPage: PageFetcher,
  path: string,
  query: WorkdayQuery = {},
  options: PaginateOptions = {},
): AsyncGenerator<WorkdayPage<T> & { offset: number }, void, undefined> {
  return readAhead(readPages<T>(fetchPage, path, query, options), { ahead: options.readAhead ?? 1 });
}

async function* readPages<T>(
  fetchPage: PageFetcher,
  path: string,
  query: WorkdayQuery,
  options: PaginateOptions,
): AsyncGenerator<WorkdayPage<T> & { offset: number }, void, undefined> {
  const limit = checkLimit(options.limit);
  for (let offset = 0; ; ) {
    options.signal?.throwIfAborted();
    const body = await fetchPage(path, { ...query, limit, offset }, options.signal);
    const page = checkEnvelope<T>(body, path);
    yield { ...page, offset };
    offset += page.data.length;
    if (page.data.length === 0 || offset >= page.total) return;
  }
}

/** Validates a `limit` option: an integer from 1 to 100 (default 100). */
export function checkLimit(limit: number | undefined, option = "limit"): number {
  if (limit === undefined) return MAX_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError(`Invalid option ${option}`, [
      { path: option, message: `must be an integer from 1 to ${MAX_LIMIT}` },
    ]);
  }
  return limit;
}

/**
 * Checks the collection envelope `{ total, data }`. Pure. The objects in `data` are not checked here: a
 * malformed object is the mapper's per-record rejection, not the end of the read.
 */
export function checkEnvelope<T>(body: unknown, path: string): WorkdayPage<T> {
  const fail = (field: string, message: string, code: string): never => {
    throw new ValidationError(
      `Malformed Workday response from ${path}: ${field}`,
      [{ path: field, message, code }],
      {
        system: "workday",
      },
    );
  };
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return fail("(root)", "the response body is not a { total, data } object", "not_an_envelope");
  }
  const { total, data } = body as { total?: unknown; data?: unknown };
  if (typeof total !== "number" || !Number.isSafeInteger(total) || total < 0) {
    fail("total", total === undefined ? "is missing" : "must be a whole number ≥ 0", "invalid_total");
  }
  if (!Array.isArray(data)) {
    fail("data", data === undefined ? "is missing" : "must be an array", "invalid_data");
  }
  return { total: total as number, data: data as T[] };
}
