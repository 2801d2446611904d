import { z } from "zod";

/** ISO 8601 instant with an explicit offset (`2026-03-01T09:30:00Z`, `…+01:00`). */
export const InstantSchema = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 timestamp with offset",
});

/** Calendar date `YYYY-MM-DD`. */
export const IsoDateSchema = z.iso.date({ error: "must be a date YYYY-MM-DD" });

/**
 * Where a record came from: the system (`"kantata"`, `"netsuite"`, `"salesforce"`, `"workday"`), the
 * record type in that system (`"time_entries"`, `"timeBill"`), its id there, the version observed
 * (an etag, revision or the vendor's `updated_at`) and when it was last updated at the source.
 */
export const SourceRefSchema = z.object({
  system: z.string().min(1).max(64),
  type: z.string().min(1).max(64),
  id: z.string().min(1).max(255),
  version: z.string().min(1).max(128),
  updatedAt: InstantSchema,
});

/** Origin of a canonical record. See {@link SourceRefSchema}. */
export type SourceRef = z.infer<typeof SourceRefSchema>;
