import { canonicalKey, type Ref, type SourceRef } from "@ledgerline/canonical";
import { contentHash } from "@ledgerline/core";

/** The `system` name Workday records carry in canonical `source`, keys and `Ref.ids`. */
export const WORKDAY_SYSTEM = "workday";

/** `source.updatedAt` of a Workday record when the caller gives no `observedAt`: the epoch, "unknown". */
export const UNKNOWN_INSTANT = "1970-01-01T00:00:00Z";

/**
 * `source` and `key` of a canonical record read from the Workday collection `type` (`workers`,
 * `organizations`), keyed by its WID. Workday's REST objects carry no "last updated" stamp, so the version
 * is a content hash (core's `contentHash`) of `content` — the attributes the mapper reads — and a full read
 * compared against the ledger finds what changed. `updatedAt` is `observedAt` (default {@link UNKNOWN_INSTANT}).
 */
export function workdayOrigin(
  type: string,
  wid: string,
  content: unknown,
  observedAt: string = UNKNOWN_INSTANT,
): { key: string; source: SourceRef } {
  const source: SourceRef = {
    system: WORKDAY_SYSTEM,
    type,
    id: wid,
    version: `sha256:${contentHash(content)
      .replace(/^v\d+:/, "")
      .slice(0, 40)}`,
    updatedAt: observedAt,
  };
  return { key: workdayKey(type, wid), source };
}

/** The canonical key of the Workday object `wid` of collection `type` (`workday-workers-3aa5…`). */
export function workdayKey(type: string, wid: string): string {
  return canonicalKey({ system: WORKDAY_SYSTEM, type, id: wid });
}

/** A canonical reference to the Workday object `wid` of collection `type`, named when the name is known. */
export function workdayRef(type: string, wid: string, name?: string): Ref {
  return { key: workdayKey(type, wid), ...(name ? { name } : {}), ids: { [WORKDAY_SYSTEM]: wid } };
}
