import { canonicalKey, type Ref, type SourceRef } from "@ledgerline/canonical";
import { contentHash } from "@ledgerline/core";

/** The `system` name Kantata records carry in canonical `source` and keys. */
export const KANTATA_SYSTEM = "kantata";

/**
 * Instant used as `source.updatedAt` for Kantata records that carry no timestamp (users): the Unix epoch,
 * meaning "unknown". Their `version` is a content hash instead (see {@link kantataOrigin}).
 */
export const UNKNOWN_INSTANT = "1970-01-01T00:00:00Z";

/**
 * `source` and `key` of a canonical record read from Kantata map `type` (e.g. `"time_entries"`).
 * The version is the record's `updated_at`. A record without one (Kantata users have no timestamps) gives
 * `content` instead — the attributes the mapper reads — and is versioned by their content hash (core's
 * `contentHash`); its `updatedAt` is `observedAt` (default {@link UNKNOWN_INSTANT}).
 */
export function kantataOrigin(
  type: string,
  record: { id: string; updated_at?: string | undefined },
  unstamped: { content?: unknown; observedAt?: string | undefined } = {},
): { key: string; source: SourceRef } {
  const updatedAt = record.updated_at;
  const source: SourceRef = {
    system: KANTATA_SYSTEM,
    type,
    id: record.id,
    // The hash's form prefix (`v2:`) is dropped: the version is `sha256:` + 40 hex of the content's hash.
    version:
      updatedAt ??
      `sha256:${contentHash(unstamped.content ?? record)
        .replace(/^v\d+:/, "")
        .slice(0, 40)}`,
    updatedAt: updatedAt ?? unstamped.observedAt ?? UNKNOWN_INSTANT,
  };
  return { key: kantataKey(type, record.id), source };
}

/** The canonical key of the Kantata record `id` of map `type` (`kantata-time_entries-55001`). */
export function kantataKey(type: string, id: string): string {
  return canonicalKey({ system: KANTATA_SYSTEM, type, id });
}

/** A canonical reference to the Kantata record `id` of map `type`, named when the name is known. */
export function kantataRef(type: string, id: string, name?: string | null): Ref {
  return {
    key: kantataKey(type, id),
    ...(name ? { name } : {}),
    ids: { [KANTATA_SYSTEM]: id },
  };
}
