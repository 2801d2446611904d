import { z } from "zod";
import { CanonicalKeySchema } from "./canonical-key.js";
import { MoneySchema } from "./money.js";
import { RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

/**
 * A billing milestone of an engagement (a line of the SOW's payment schedule): the fixed fee invoiced when
 * the delivery milestone it names is completed. It names the delivery milestone by `milestone` (a reference
 * to the PSA milestone, when the SOW sync knows it) or else by `name` (the milestone's name in the PSA).
 */
export const BillingMilestoneSchema = z.object({
  /** Stable code of the milestone within the engagement (`M1`, `phase-2`). */
  code: CanonicalKeySchema,
  name: z.string().min(1).max(255),
  /** The fixed fee invoiced when the milestone completes, in the engagement currency. */
  amount: MoneySchema,
  /** The PSA milestone that triggers it, when known. */
  milestone: RefSchema.optional(),
  /** Planned invoice date. */
  plannedDate: IsoDateSchema.optional(),
});
/** A billing milestone. See {@link BillingMilestoneSchema}. */
export type BillingMilestone = z.infer<typeof BillingMilestoneSchema>;
