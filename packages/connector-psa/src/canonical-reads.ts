import type { SyncCheckpoint } from "./checkpoint.js";
import { type SyncOptions, syncPages } from "./incremental.js";
import type { KantataKey } from "./kantata-types.js";
import type { PageFetcher } from "./page-fetcher.js";
import { type PaginateOptions, paginate } from "./paginate.js";
import { type PsaRead, readAs } from "./psa-read.js";
import type { CanonicalStream } from "./streams.js";

/** Reads every record of `stream`, page by page in `results` order, as {@link PsaRead}s. */
export async function* readCanonical<K extends KantataKey, T>(
  fetchPage: PageFetcher,
  stream: CanonicalStream<K, T>,
  options: PaginateOptions = {},
): AsyncGenerator<PsaRead<T>, void, undefined> {
  for await (const page of paginate(fetchPage, stream.key, stream.query, options)) {
    for (const item of page.records) yield readAs(stream.key, item.record, () => stream.map(item), item.id);
  }
}

/** One page of an incremental canonical read. */
export interface CanonicalSyncPage<T> {
  /** Records changed since the previous checkpoint, oldest first. */
  records: PsaRead<T>[];
  /** Persist after handling `records`; pass back as `checkpoint` to resume. */
  checkpoint: SyncCheckpoint;
}

/** Reads the records of `stream` changed since `options.checkpoint` (see `syncPages`). */
export async function* syncCanonical<K extends KantataKey, T>(
  fetchPage: PageFetcher,
  stream: CanonicalStream<K, T>,
  options: SyncOptions = {},
): AsyncGenerator<CanonicalSyncPage<T>, void, undefined> {
  for await (const page of syncPages(fetchPage, stream.key, stream.query, options)) {
    yield {
      records: page.records.map((item) => readAs(stream.key, item.record, () => stream.map(item), item.id)),
      checkpoint: page.checkpoint,
    };
  }
}
