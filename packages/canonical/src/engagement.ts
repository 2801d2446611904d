import { z } from "zod";
import { BillingMilestoneSchema } from "./billing-milestone.js";
import { CurrencyCodeSchema } from "./currency.js";
import { DECIMAL_PATTERN } from "./decimal.js";
import { BillingType, ProjectStatus, RevenueTreatment } from "./enums.js";
import { MoneySchema } from "./money.js";
import { recordFields } from "./record.js";
import { CodeSchema, RefSchema } from "./ref.js";
import { InstantSchema, IsoDateSchema } from "./source.js";

/** How often an engagement is invoiced. */
export const INVOICE_FREQUENCIES = [
  "weekly",
  "biweekly",
  "semimonthly",
  "monthly",
  "quarterly",
  "milestone",
  "on_completion",
  "other",
] as const;

/** Billing terms of an engagement. Amounts are in the engagement currency. */
export const BillingTermsSchema = z.object({
  paymentTermsDays: z.int().min(0).max(3650).optional(),
  invoiceFrequency: z.enum(INVOICE_FREQUENCIES).optional(),
  contractValue: MoneySchema.optional(),
  notToExceed: MoneySchema.optional(),
  retainerAmount: MoneySchema.optional(),
  expensesBillable: z.boolean().optional(),
  expenseMarkupPercent: z.string().regex(DECIMAL_PATTERN).optional(),
  /** Budgeted effort in whole minutes: the denominator of percent-complete revenue recognition. */
  budgetedMinutes: z.int().min(1).optional(),
  /** Fixed fees invoiced as delivery milestones complete (milestone / fixed-fee engagements). */
  milestones: z.array(BillingMilestoneSchema).optional(),
});
/** Billing terms. */
export type BillingTerms = z.infer<typeof BillingTermsSchema>;

/**
 * An engagement: the statement of work or contract sold to a client (Salesforce Closed Won opportunity /
 * Contract), with billing type, revenue treatment and billing terms.
 */
export const EngagementSchema = z
  .object({
    ...recordFields,
    client: RefSchema,
    name: z.string().min(1).max(255),
    number: z.string().max(64).optional(),
    status: ProjectStatus.schema,
    billingType: BillingType.schema,
    revenueTreatment: RevenueTreatment.schema.optional(),
    currency: CurrencyCodeSchema,
    billingTerms: BillingTermsSchema,
    startDate: IsoDateSchema.optional(),
    endDate: IsoDateSchema.optional(),
    signedAt: InstantSchema.optional(),
    rateCard: RefSchema.optional(),
    legalEntity: CodeSchema.optional(),
  })
  .check((ctx) => {
    const terms = ctx.value.billingTerms;
    for (const field of ["contractValue", "notToExceed", "retainerAmount"] as const) {
      const amount = terms[field];
      if (amount && amount.currency !== ctx.value.currency) {
        ctx.issues.push({
          code: "custom",
          input: amount.currency,
          path: ["billingTerms", field, "currency"],
          message: "must equal the engagement currency",
        });
      }
    }
    for (const [i, milestone] of (terms.milestones ?? []).entries()) {
      if (milestone.amount.currency !== ctx.value.currency) {
        ctx.issues.push({
          code: "custom",
          input: milestone.amount.currency,
          path: ["billingTerms", "milestones", i, "amount", "currency"],
          message: "must equal the engagement currency",
        });
      }
    }
  })
  .meta({ title: "Engagement", description: "A statement of work / contract with its billing terms" });
/** An engagement. See {@link EngagementSchema}. */
export type Engagement = z.infer<typeof EngagementSchema>;
