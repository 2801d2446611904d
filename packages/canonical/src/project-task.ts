import { z } from "zod";
import { MinutesSchema } from "./duration.js";
import { MoneySchema } from "./money.js";
import { recordFields } from "./record.js";
import { RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

/** Work states of tasks. */
export const TASK_STATES = ["not_started", "in_progress", "completed", "cancelled", "other"] as const;

/** A project task (Kantata story of type task, NetSuite `projectTask`). */
export const ProjectTaskSchema = z
  .object({
    ...recordFields,
    project: RefSchema,
    parent: RefSchema.optional(),
    name: z.string().min(1).max(255),
    state: z.enum(TASK_STATES),
    billable: z.boolean(),
    startDate: IsoDateSchema.optional(),
    dueDate: IsoDateSchema.optional(),
    estimateMinutes: MinutesSchema.optional(),
    budget: MoneySchema.optional(),
    percentComplete: z.int().min(0).max(100).optional(),
  })
  .meta({ title: "ProjectTask", description: "A task within a project" });
/** A project task. See {@link ProjectTaskSchema}. */
export type ProjectTask = z.infer<typeof ProjectTaskSchema>;
