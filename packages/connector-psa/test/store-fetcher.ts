import { ValidationError } from "@ledgerline/core";
import type { KantataQuery, PageFetcher } from "../src/page-fetcher.js";
import { listRecords } from "../src/testing/kantata-list.js";
import type { KantataStore } from "../src/testing/kantata-store.js";

/** A PageFetcher answering straight from a store (no HTTP), recording every query it got. */
export function storeFetcher(store: KantataStore, calls: KantataQuery[] = []): PageFetcher {
  return async (key, query) => {
    calls.push({ ...query });
    const out = listRecords(store, key, query);
    if (out.status !== 200) throw new ValidationError("fake said 400", []);
    return out.body;
  };
}
