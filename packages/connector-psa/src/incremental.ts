import { CheckpointCursor, type SyncCheckpoint } from "./checkpoint.js";
import { type WalkedRecord, walkEnvelope } from "./envelope.js";
import type { KantataKey, KantataMeta } from "./kantata-types.js";
import type { KantataQuery, PageFetcher } from "./page-fetcher.js";
import { checkPerPage, isLastPage, metaOf } from "./paginate.js";

/** One page of an incremental read: the records not delivered before, and the checkpoint after them. */
export interface SyncPage<K extends KantataKey> {
  /** New or changed records (each version once), ascending by `updated_at`, with their includes. May be empty. */
  records: WalkedRecord<K>[];
  /** Persist this once `records` are handled; pass it back to resume right after them. */
  checkpoint: SyncCheckpoint;
  /** `meta` of the response, when Kantata sent one (it often does not; paging never depends on it). */
  meta: KantataMeta | undefined;
}

/** Options of {@link syncPages}. */
export interface SyncOptions {
  /** Where to resume; default: from the beginning. */
  checkpoint?: SyncCheckpoint | undefined;
  /** Records per request, 1–200. @default 200 */
  perPage?: number | undefined;
  /**
   * How far behind the newest delivered `updated_at` the checkpoint's window reaches, in milliseconds: a
   * write committed up to this late (its `updated_at` older than records already read) is still delivered.
   * A wider window only costs re-reading (and skipping) the records inside it. @default 1000
   */
  overlapMs?: number | undefined;
  /** Aborts between (and during) requests. */
  signal?: AbortSignal | undefined;
}

/**
 * Reads the records of `key` changed since `options.checkpoint`, oldest first (`order=updated_at:asc`,
 * `updated_after=` just before the checkpoint's floor), and yields after each page the versions not
 * delivered before and the checkpoint to persist (see {@link SyncCheckpoint}).
 *
 * Page 1 of a query is a contiguous prefix of the records at or after the floor, so after it the floor
 * moves forward and the next request is page 1 again from the new floor (keyset style): records edited
 * during the read move to the end and cannot shift unread records onto pages already read.
 *
 * When the window at the floor holds more than a page (many records updated in one second), the read has
 * to step through pages 2, 3 … of the same query, where an edit in between could shift a record past it.
 * So the floor stays put until two consecutive scans of that window list the same versions; only then
 * does it move past the window.
 */
export async function* syncPages<K extends KantataKey>(
  fetchPage: PageFetcher,
  key: K,
  query: KantataQuery = {},
  options: SyncOptions = {},
): AsyncGenerator<SyncPage<K>, void, undefined> {
  const perPage = checkPerPage(options.perPage);
  const cursor = new CheckpointCursor(options.checkpoint, options.overlapMs ?? 1000);
  let page = 1;
  /** A multi-page scan of the window at the floor: records up to `end`, in order. */
  let scan: { end: number; versions: string[] } | undefined;
  let previousScan: string[] | undefined;
  for (;;) {
    const updatedAfter = cursor.updatedAfter();
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
    const records = walked.filter((item) => cursor.offer(versionOf(item)));
    const last = isLastPage(envelope, perPage);

    const lastAt = walked.length > 0 ? atOf(walked[walked.length - 1] as WalkedRecord<K>) : undefined;

    if (scan === undefined) {
      // Page 1 is a contiguous prefix: everything up to its last record is read, the floor may move there.
      const moved = lastAt !== undefined && cursor.releaseFloor(lastAt);
      yield { records, checkpoint: cursor.snapshot(), meta: metaOf(envelope) };
      if (last) return;
      if (moved) continue;
      // The window at the floor is larger than a page: scan it page by page.
      scan = { end: lastAt ?? Number.NEGATIVE_INFINITY, versions: walked.map(versionKey) };
      page = 2;
      continue;
    }

    const window = scan.end;
    scan.versions.push(...walked.filter((item) => atOf(item) <= window).map(versionKey));
    const beyond = last || walked.some((item) => atOf(item) > window);
    yield { records, checkpoint: cursor.snapshot(), meta: metaOf(envelope) };
    if (!beyond) {
      page += 1;
      continue;
    }
    if (previousScan !== undefined && sameList(previousScan, scan.versions)) {
      // Two identical scans: nothing moved inside the window, so it is complete; the floor passes it.
      previousScan = undefined;
      scan = undefined;
      cursor.releaseFloor(lastAt ?? window, window + 1);
      if (last) return;
      page = 1;
      continue;
    }
    previousScan = scan.versions;
    scan = { end: window, versions: [] };
    page = 1;
  }
}

function atOf(item: WalkedRecord<KantataKey>): number {
  return Date.parse(versionOf(item).updated_at);
}

function versionKey(item: WalkedRecord<KantataKey>): string {
  return `${item.id}@${atOf(item)}`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
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
