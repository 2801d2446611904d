import { z } from "zod";
import { ApprovalSchema, ApprovedApprovalSchema } from "./approval.js";
import { DimensionsSchema } from "./dimensions.js";
import { LaborCategory } from "./enums.js";
import { MoneySchema } from "./money.js";
import { recordFields } from "./record.js";
import { RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

const timeEntryFields = {
  ...recordFields,
  /** The worker. */
  resource: RefSchema,
  project: RefSchema,
  task: RefSchema.optional(),
  /** Day worked, `YYYY-MM-DD`. */
  date: IsoDateSchema,
  /** Whole minutes worked that day (0–1440). */
  minutes: z.int({ error: "must be an integer number of minutes" }).min(0).max(1440),
  billable: z.boolean(),
  approval: ApprovalSchema,
  /** Bill rate per hour (sensitive). */
  billRate: MoneySchema.optional(),
  /** Cost rate per hour (sensitive). */
  costRate: MoneySchema.optional(),
  laborCategory: LaborCategory.schema.optional(),
  role: z.string().max(128).optional(),
  dimensions: DimensionsSchema.optional(),
  notes: z.string().max(4000).optional(),
  /** Already invoiced at the source. */
  invoiced: z.boolean().optional(),
  /** The timesheet / submission this entry belongs to at the source. */
  timesheetId: z.string().max(255).optional(),
};

/**
 * A time entry in any approval state (Kantata `time_entries`, NetSuite `timeBill`): who, which project and
 * task, which day, how many whole minutes, billable or not, approval, rates (sensitive) and dimensions.
 */
export const TimeEntrySchema = z
  .object(timeEntryFields)
  .meta({ title: "TimeEntry", description: "A time entry in any approval state" });
/** A time entry. See {@link TimeEntrySchema}. */
export type TimeEntry = z.infer<typeof TimeEntrySchema>;

/** A time entry whose approval state is `approved`: the only kind that may be posted to the ERP. */
export const ApprovedTimeEntrySchema = z
  .object({ ...timeEntryFields, approval: ApprovedApprovalSchema })
  .meta({ title: "ApprovedTimeEntry", description: "An approved time entry, ready for posting" });
/** An approved time entry. See {@link ApprovedTimeEntrySchema}. */
export type ApprovedTimeEntry = z.infer<typeof ApprovedTimeEntrySchema>;

/** Type guard: the entry is approved. */
export function isApprovedTimeEntry(entry: TimeEntry): entry is ApprovedTimeEntry {
  return entry.approval.state === "approved";
}
