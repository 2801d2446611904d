import { z } from "zod";
import { CURRENCY_EXPONENTS, CurrencyCodeSchema } from "./currency.js";
import { DECIMAL_PATTERN } from "./decimal.js";
import { LaborCategory } from "./enums.js";
import { MoneySchema } from "./money.js";
import { recordFields } from "./record.js";
import { CodeSchema, RefSchema } from "./ref.js";
import { IsoDateSchema } from "./source.js";

const masterFields = {
  ...recordFields,
  /** Business code, the value dimension maps are keyed by (`CC-100`). */
  code: CodeSchema,
  name: z.string().min(1).max(255),
  active: z.boolean(),
  /** Code of the parent in the same hierarchy. */
  parent: CodeSchema.optional(),
};

const countrySchema = z.string().regex(/^[A-Z]{2}$/, { error: "must be an ISO 3166-1 alpha-2 country code" });

/** A legal entity (NetSuite subsidiary, Workday company). */
export const LegalEntitySchema = z
  .object({ ...masterFields, country: countrySchema, functionalCurrency: CurrencyCodeSchema })
  .meta({ title: "LegalEntity", description: "A legal entity / subsidiary / company" });
/** A legal entity. */
export type LegalEntity = z.infer<typeof LegalEntitySchema>;

/** A cost center (NetSuite department, Workday cost center). */
export const CostCenterSchema = z
  .object({ ...masterFields, legalEntity: CodeSchema.optional() })
  .meta({ title: "CostCenter", description: "A cost center" });
/** A cost center. */
export type CostCenter = z.infer<typeof CostCenterSchema>;

/** A practice / service line (NetSuite class). */
export const PracticeSchema = z
  .object(masterFields)
  .meta({ title: "Practice", description: "A practice / service line" });
/** A practice. */
export type Practice = z.infer<typeof PracticeSchema>;

/** A region / geography (NetSuite location, Kantata geography). */
export const RegionSchema = z
  .object({ ...masterFields, country: countrySchema.optional() })
  .meta({ title: "Region", description: "A region / geography" });
/** A region. */
export type Region = z.infer<typeof RegionSchema>;

/** One rate of a rate card: for a role, a labor category or one resource. Rates are sensitive. */
export const RateCardLineSchema = z.object({
  role: z.string().max(128).optional(),
  laborCategory: LaborCategory.schema.optional(),
  resource: RefSchema.optional(),
  ratePerHour: MoneySchema,
  costRatePerHour: MoneySchema.optional(),
});

/** A rate card: bill rates per role / category / resource over an effective period. */
export const RateCardSchema = z
  .object({
    ...masterFields,
    currency: CurrencyCodeSchema,
    effectiveFrom: IsoDateSchema,
    effectiveTo: IsoDateSchema.optional(),
    lines: z.array(RateCardLineSchema),
  })
  .check((ctx) => {
    ctx.value.lines.forEach((line, i) => {
      if (line.ratePerHour.currency !== ctx.value.currency) {
        ctx.issues.push({
          code: "custom",
          input: undefined,
          path: ["lines", i, "ratePerHour", "currency"],
          message: "must equal the rate card currency",
        });
      }
    });
  })
  .meta({ title: "RateCard", description: "Bill rates per role / category / resource" });
/** A rate card. */
export type RateCard = z.infer<typeof RateCardSchema>;

/** A tax code with its rate in percent (decimal string, `"20"`, `"7.5"`). */
export const TaxCodeSchema = z
  .object({
    ...masterFields,
    country: countrySchema.optional(),
    ratePercent: z.string().regex(DECIMAL_PATTERN, { error: "must be a plain decimal string" }),
  })
  .meta({ title: "TaxCode", description: "A tax code and its rate" });
/** A tax code. */
export type TaxCode = z.infer<typeof TaxCodeSchema>;

/** A currency enabled in the systems; `minorUnits` must match ISO 4217. */
export const CurrencySchema = z
  .object({
    ...recordFields,
    code: CurrencyCodeSchema,
    name: z.string().max(255).optional(),
    minorUnits: z.int().min(0).max(4),
    active: z.boolean(),
  })
  .check((ctx) => {
    const expected = (CURRENCY_EXPONENTS as Record<string, number>)[ctx.value.code];
    if (expected !== undefined && expected !== ctx.value.minorUnits) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value.minorUnits,
        path: ["minorUnits"],
        message: `must be ${expected} for ${ctx.value.code} (ISO 4217)`,
      });
    }
  })
  .meta({ title: "Currency", description: "An enabled currency" });
/** A currency. */
export type Currency = z.infer<typeof CurrencySchema>;
