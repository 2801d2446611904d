import { canonicalKey, type Ref, type SourceRef } from "@ledgerline/canonical";

/** The `system` name Kantata records carry in canonical `source` and keys. */
export const KANTATA_SYSTEM = "kantata";

/** `source` and `key` of a canonical record read from Kantata map `type` (e.g. `"time_entries"`). */
export function kantataOrigin(
  type: string,
  record: { id: string; updated_at: string },
): { key: string; source: SourceRef } {
  const source: SourceRef = {
    system: KANTATA_SYSTEM,
    type,
    id: record.id,
    version: record.updated_at,
    updatedAt: record.updated_at,
  };
  return { key: canonicalKey(source), source };
}

/** A canonical reference to the Kantata record `id` of map `type`, named when the name is known. */
export function kantataRef(type: string, id: string, name?: string | null): Ref {
  return {
    key: canonicalKey({ system: KANTATA_SYSTEM, type, id }),
    ...(name ? { name } : {}),
    ids: { [KANTATA_SYSTEM]: id },
  };
}
