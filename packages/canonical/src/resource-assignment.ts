import { z } from "zod";
import { MinutesSchema } from "./duration.js";
import { MoneySchema } from "./money.js";
import { recordFields } from "./record.js";
import { RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

/** A resource staffed on a project or task (Kantata assignment / workspace resource). */
export const ResourceAssignmentSchema = z
  .object({
    ...recordFields,
    resource: RefSchema,
    project: RefSchema,
    task: RefSchema.optional(),
    role: z.string().max(128).optional(),
    startDate: IsoDateSchema,
    endDate: IsoDateSchema.optional(),
    allocatedMinutes: MinutesSchema.optional(),
    billRate: MoneySchema.optional(),
    costRate: MoneySchema.optional(),
  })
  .meta({ title: "ResourceAssignment", description: "A resource staffed on a project or task" });
/** A resource assignment. See {@link ResourceAssignmentSchema}. */
export type ResourceAssignment = z.infer<typeof ResourceAssignmentSchema>;
