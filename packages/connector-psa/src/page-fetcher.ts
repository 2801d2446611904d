import type { KantataEnvelope, KantataKey } from "./kantata-types.js";

/** Query parameters of one Kantata list request (`page`, `per_page`, filters, `include`, `order` …). */
export type KantataQuery = Record<string, string | number | boolean | undefined>;

/**
 * Fetches one page of the list endpoint of `key` (`/time_entries.json` for `"time_entries"` …) and returns
 * the raw envelope. `createPsaClient` supplies one over `@ledgerline/core`'s HTTP client; tests may pass
 * their own.
 */
export type PageFetcher = (
  key: KantataKey,
  query: KantataQuery,
  signal?: AbortSignal,
) => Promise<KantataEnvelope>;

/** Kantata's largest page. */
export const MAX_PER_PAGE = 200;
