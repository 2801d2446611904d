import { z } from "zod";
import { CanonicalKeySchema } from "./canonical-key.js";
import { SourceRefSchema } from "./source.js";

/**
 * Fields every canonical record carries:
 * - `key`: the canonical key of the business object — `canonicalKey(source)` for a record read from the
 *   system where it originated; for a record read back from a target that Ledgerline wrote, the external id
 *   stored there (which is the originating record's key), so both sides reconcile on the same key.
 * - `source`: where this copy was read from.
 * - `correlationId`: the run or request that produced it (optional).
 * - `deleted`: a tombstone flag for records deleted at the source (optional).
 */
export const recordFields = {
  key: CanonicalKeySchema,
  source: SourceRefSchema,
  correlationId: z.string().min(1).max(128).optional(),
  deleted: z.boolean().optional(),
};
