import { z } from "zod";
import { DimensionsSchema } from "./dimensions.js";
import { LaborCategory } from "./enums.js";
import { MoneySchema } from "./money.js";
import { recordFields } from "./record.js";
import { RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

/** Kinds of worker. */
export const RESOURCE_KINDS = ["employee", "contractor", "other"] as const;

/**
 * A resource (worker): Workday worker, Kantata user, NetSuite employee. Rates are sensitive: never log
 * them (see `SENSITIVE_FIELDS`).
 */
export const ResourceSchema = z
  .object({
    ...recordFields,
    name: z.string().min(1).max(255),
    email: z.email().optional(),
    employeeNumber: z.string().max(64).optional(),
    kind: z.enum(RESOURCE_KINDS),
    active: z.boolean(),
    title: z.string().max(255).optional(),
    laborCategory: LaborCategory.schema.optional(),
    manager: RefSchema.optional(),
    dimensions: DimensionsSchema.optional(),
    costRate: MoneySchema.optional(),
    defaultBillRate: MoneySchema.optional(),
    startDate: IsoDateSchema.optional(),
    endDate: IsoDateSchema.optional(),
  })
  .meta({ title: "Resource", description: "A worker who delivers and records time" });
/** A resource. See {@link ResourceSchema}. */
export type Resource = z.infer<typeof ResourceSchema>;
