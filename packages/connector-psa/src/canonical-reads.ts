import type { SyncCheckpoint } from "./checkpoint.js";
import { type Included, includedOf, type WalkedRecord } from "./envelope.js";
import { type SyncOptions, syncPages } from "./incremental.js";
import type { KantataKey } from "./kantata-types.js";
import { MAX_PER_PAGE, type PageFetcher } from "./page-fetcher.js";
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
    const records = await withRelated(fetchPage, stream, page.records, options.signal);
    for (const item of records) yield readAs(stream.key, item.record, () => stream.map(item), item.id);
  }
}

/**
 * Fetches what {@link CanonicalStream.related} asks for (one `only=` request) and lets each record of the
 * page see it as if it had been side-loaded.
 */
async function withRelated<K extends KantataKey, T>(
  fetchPage: PageFetcher,
  stream: CanonicalStream<K, T>,
  records: WalkedRecord<K>[],
  signal: AbortSignal | undefined,
): Promise<WalkedRecord<K>[]> {
  const related = stream.related?.(records);
  if (related === undefined || related.ids.length === 0) return records;
  const query = { ...related.query, only: related.ids.join(","), page: 1, per_page: MAX_PER_PAGE };
  const envelope = await fetchPage(related.key, query, signal);
  const extra = includedOf(envelope);
  return records.map((item) => ({
    ...item,
    included: {
      get: (key, id) => item.included.get(key, id) ?? (key === related.key ? extra.get(key, id) : undefined),
    } as Included,
  }));
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
    const records = await withRelated(fetchPage, stream, page.records, options.signal);
    yield {
      records: records.map((item) => readAs(stream.key, item.record, () => stream.map(item), item.id)),
      checkpoint: page.checkpoint,
    };
  }
}
