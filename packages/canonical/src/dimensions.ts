import { z } from "zod";
import { CodeSchema } from "./ref.js";

/** Financial dimensions a record can carry, and the tax code. */
export const DIMENSION_KINDS = ["costCenter", "practice", "region", "legalEntity", "taxCode"] as const;
/** A financial dimension (or the tax code). */
export type DimensionKind = (typeof DIMENSION_KINDS)[number];

/**
 * Canonical financial dimensions of a record, as master-data codes: cost center (NetSuite department),
 * practice (class), region (location), legal entity (subsidiary / Workday company).
 */
export const DimensionsSchema = z.object({
  costCenter: CodeSchema.optional(),
  practice: CodeSchema.optional(),
  region: CodeSchema.optional(),
  legalEntity: CodeSchema.optional(),
});
/** Canonical financial dimensions. */
export type Dimensions = z.infer<typeof DimensionsSchema>;
