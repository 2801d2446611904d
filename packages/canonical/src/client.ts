import { z } from "zod";
import { CurrencyCodeSchema } from "./currency.js";
import { recordFields } from "./record.js";
import { CodeSchema, RefSchema } from "./ref.js";

/**
 * A client (customer / account). `parent` builds the customer hierarchy (NetSuite sub-customers,
 * Salesforce parent accounts); `legalEntity` is the contracting entity's code.
 */
export const ClientSchema = z
  .object({
    ...recordFields,
    name: z.string().min(1).max(255),
    number: z.string().max(64).optional(),
    parent: RefSchema.optional(),
    active: z.boolean(),
    currency: CurrencyCodeSchema.optional(),
    legalEntity: CodeSchema.optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, { error: "must be an ISO 3166-1 alpha-2 country code" })
      .optional(),
    taxRegistrationId: z.string().max(64).optional(),
    paymentTermsDays: z.int().min(0).max(3650).optional(),
    email: z.email().optional(),
  })
  .meta({ title: "Client", description: "A client (customer) with its place in the customer hierarchy" });
/** A client. See {@link ClientSchema}. */
export type Client = z.infer<typeof ClientSchema>;
