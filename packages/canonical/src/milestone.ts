import { z } from "zod";
import { MoneySchema } from "./money.js";
import { recordFields } from "./record.js";
import { RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

/** Milestone states: `completed` (delivered) and `accepted` (signed off by the client) trigger billing. */
export const MILESTONE_STATES = ["open", "completed", "accepted", "cancelled", "other"] as const;

/**
 * A milestone (Kantata story of type milestone, Certinia `pse__Milestone__c`). `amount` is what it bills
 * on a fixed-fee / milestone project.
 */
export const MilestoneSchema = z
  .object({
    ...recordFields,
    project: RefSchema,
    task: RefSchema.optional(),
    name: z.string().min(1).max(255),
    state: z.enum(MILESTONE_STATES),
    dueDate: IsoDateSchema.optional(),
    completedOn: IsoDateSchema.optional(),
    amount: MoneySchema.optional(),
    billable: z.boolean(),
    percentComplete: z.int().min(0).max(100).optional(),
  })
  .check((ctx) => {
    const { state, completedOn } = ctx.value;
    if ((state === "completed" || state === "accepted") && completedOn === undefined) {
      ctx.issues.push({
        code: "custom",
        input: undefined,
        path: ["completedOn"],
        message: `is required when state is ${state}`,
      });
    }
  })
  .meta({ title: "Milestone", description: "A project milestone that may trigger an invoice" });
/** A milestone. See {@link MilestoneSchema}. */
export type Milestone = z.infer<typeof MilestoneSchema>;
