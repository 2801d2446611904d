import { z } from "zod";
import { CanonicalKeySchema } from "./canonical-key.js";

/**
 * A reference to another canonical record by its canonical key, with an optional display name and the
 * ids it is known by in other systems (`{ netsuite: "1234", kantata: "98" }`), so a connector can address
 * the referenced record without another lookup.
 */
export const RefSchema = z.object({
  key: CanonicalKeySchema,
  name: z.string().max(255).optional(),
  ids: z.record(z.string().min(1).max(64), z.string().min(1).max(255)).optional(),
});

/** A reference to another canonical record. See {@link RefSchema}. */
export type Ref = z.infer<typeof RefSchema>;

/** A business code of master data (cost center `CC-100`, practice `DATA`, tax code `VAT20`). */
export const CodeSchema = z.string().min(1).max(64);
