import {
  advanceCheckpoint,
  initialCheckpoint,
  type SyncCheckpoint,
  updatedAfterParam,
} from "./checkpoint.js";
import { type WalkedRecord, walkEnvelope } from "./envelope.js";
import type { KantataKey, KantataMeta } from "./kantata-types.js";
import type { KantataQuery, PageFetcher } from "./page-fetcher.js";
import { checkPerPage } from "./paginate.js";

/** One page of an incremental read: the records not delivered before, and the checkpoint after them. */
export interface SyncPage<K extends KantataKey> {
  /** New or changed records, ascending by `updated_at`, each with its includes. May be empty. */
  records: WalkedRecord<K>[];
  /** Persist this once `records` are handled; pass it back to resume right after them. */
  checkpoint: SyncCheckpoint;
  /** `meta` of the response. */
  meta: KantataMeta;
}

/** Options of {@link syncPages}. */
export interface SyncOptions {
  /** Where to resume; default: from the beginning. */
  checkpoint?: SyncCheckpoint | undefined;
  /** Records per request, 1–200. @default 200 */
  perPage?: number | undefined;
  /**
   * How far before the checkpoint instant to ask from, in milliseconds, so that records sharing that instant
   * are seen again (and skipped if already delivered) whatever comparison and precision the server uses.
   * @default 1000
   */
  overlapMs?: number | undefined;
  /** Aborts between (and during) requests. */
  signal?: AbortSignal | undefined;
}

/**
 * Reads the records of `key` changed since `options.checkpoint`, oldest first (`order=updated_at:asc`,
 * `updated_after=` the checkpoint minus `overlapMs`), yielding after each page the records not delivered
 * before and the checkpoint to persist.
 *
 * After a page that moved the checkpoint forward the next request starts again at `page=1` from the new
 * checkpoint (keyset-style), so records edited during the read cannot shift unread records onto pages
 * already read. Only inside one instant's ties (or the overlap window) does it step `page` forward.
 */
export async function* syncPages<K extends KantataKey>(
  fetchPage: PageFetcher,
  key: K,
  query: KantataQuery = {},
  options: SyncOptions = {},
): AsyncGenerator<SyncPage<K>, void, undefined> {
  const perPage = checkPerPage(options.perPage);
  const overlapMs = options.overlapMs ?? 1000;
  let checkpoint = options.checkpoint ?? initialCheckpoint();
  let page = 1;
  for (;;) {
    const updatedAfter = updatedAfterParam(checkpoint, overlapMs);
    const envelope = await fetchPage(
      key,
      {
        ...query,
        ...(updatedAfter === undefined ? {} : { updated_after: updatedAfter }),
        order: "updated_at:asc",
        page,
        per_page: perPage,
      },
      options.signal,
    );
    const walked = walkEnvelope(envelope, key).sort(byUpdatedAtThenId);
    const before = checkpoint.updatedAfter;
    const records: WalkedRecord<K>[] = [];
    for (const item of walked) {
      const step = advanceCheckpoint(checkpoint, versionOf(item));
      checkpoint = step.checkpoint;
      if (step.deliver) records.push(item);
    }
    yield { records, checkpoint, meta: envelope.meta };
    if (walked.length < perPage || envelope.meta.page_number >= envelope.meta.page_count) return;
    page = checkpoint.updatedAfter !== before ? 1 : page + 1;
  }
}

function versionOf(item: WalkedRecord<KantataKey>): { id: string; updated_at: string } {
  const updatedAt = (item.record as { updated_at?: string }).updated_at;
  return { id: item.id, updated_at: updatedAt ?? "" };
}

function byUpdatedAtThenId(a: WalkedRecord<KantataKey>, b: WalkedRecord<KantataKey>): number {
  const ta = Date.parse(versionOf(a).updated_at);
  const tb = Date.parse(versionOf(b).updated_at);
  if (ta !== tb) return ta - tb;
  return Number(a.id) - Number(b.id);
}
