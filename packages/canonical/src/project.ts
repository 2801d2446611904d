import { z } from "zod";
import { CurrencyCodeSchema } from "./currency.js";
import { DimensionsSchema } from "./dimensions.js";
import { BillingType, ProjectStatus, RevenueTreatment } from "./enums.js";
import { MoneySchema } from "./money.js";
import { recordFields } from "./record.js";
import { RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

/**
 * A project (Kantata workspace, NetSuite job, Certinia `pse__Proj__c`): status and billing type drive the
 * posting policy; `requiresTimeApproval` / `requiresExpenseApproval` mirror the PSA settings.
 */
export const ProjectSchema = z
  .object({
    ...recordFields,
    name: z.string().min(1).max(255),
    code: z.string().max(64).optional(),
    client: RefSchema,
    engagement: RefSchema.optional(),
    parent: RefSchema.optional(),
    status: ProjectStatus.schema,
    billingType: BillingType.schema,
    revenueTreatment: RevenueTreatment.schema.optional(),
    currency: CurrencyCodeSchema,
    startDate: IsoDateSchema.optional(),
    endDate: IsoDateSchema.optional(),
    budget: MoneySchema.optional(),
    requiresTimeApproval: z.boolean(),
    requiresExpenseApproval: z.boolean(),
    projectManager: RefSchema.optional(),
    dimensions: DimensionsSchema.optional(),
  })
  .meta({ title: "Project", description: "A delivery project with status, billing type and dimensions" });
/** A project. See {@link ProjectSchema}. */
export type Project = z.infer<typeof ProjectSchema>;
