import {
  createIntegrationException,
  DIMENSION_KINDS,
  type DimensionKind,
  type IntegrationException,
  type InvoiceEvent,
  missingDimensionCode,
  type Project,
  type Ref,
  unmappedDimensionCode,
} from "@ledgerline/canonical";

/** A billing period: an id (`YYYY-MM`) and its first and last day (inclusive, `YYYY-MM-DD`). */
export interface BillingPeriod {
  id: string;
  start: string;
  end: string;
}

/**
 * What finance decides about invoices, besides the data: which clients are on credit hold, whether a tax
 * code is required and which applies, payment terms, and the first day of the open period.
 */
export interface BillingPolicy {
  /** True when the client is on credit hold: its invoices are blocked (`CUSTOMER_ON_HOLD`). */
  onHold?: ((client: Ref) => boolean) | undefined;
  /** The tax code of a project's invoices (a code of the dimension map's `taxCode` table). */
  taxCodeFor?: ((project: Project) => string | undefined) | undefined;
  /** Invoices without a tax code are blocked (`DIMENSION_MISSING` on `taxCode`). @default false */
  requireTaxCode?: boolean | undefined;
  /** Days from the invoice date to its due date. @default none (NetSuite applies the customer's terms) */
  paymentTermsDays?: number | undefined;
  /**
   * First day of the open accounting period (`YYYY-MM-DD`). An invoice whose event falls before it — a
   * milestone completed in a period already closed — is dated this day instead, and raised as an exception
   * (`COMPLETED_AFTER_CLOSE`, impact `blocks-revenue`) so the close can see it.
   */
  openFrom?: string | undefined;
}

/** Why an invoice is blocked: the shared reason code, the field at fault and a message without values. */
export interface InvoiceBlock {
  code: string;
  field: string;
  message: string;
}

/** The blocks finance's policy puts on an invoice event, before anything is sent. */
export function policyBlocks(event: InvoiceEvent, policy: BillingPolicy): InvoiceBlock[] {
  const blocks: InvoiceBlock[] = [];
  if (policy.onHold?.(event.client)) {
    blocks.push({
      code: "CUSTOMER_ON_HOLD",
      field: "client",
      message: "the client is on credit hold: no invoice may be raised for it",
    });
  }
  if (policy.requireTaxCode && event.taxCode === undefined) {
    blocks.push({ code: "DIMENSION_MISSING", field: "taxCode", message: "the invoice has no tax code" });
  }
  return blocks;
}

/** The dimension a field path names (`dimensions.legalEntity` → `legalEntity`, `lines[0].taxCode` → `taxCode`). */
function dimensionOf(field: string): DimensionKind | undefined {
  const last = field.split(".").at(-1) ?? "";
  return (DIMENSION_KINDS as readonly string[]).includes(last) ? (last as DimensionKind) : undefined;
}

/**
 * The exception code of a blocked invoice: a dimension's `MISSING_…` / `UNMAPPED_…` code (so "3 invoices
 * blocked by missing tax codes" groups across steps), otherwise the reason code itself.
 */
export function exceptionCodeOf(block: Pick<InvoiceBlock, "code" | "field">): string {
  const dimension = dimensionOf(block.field);
  if (dimension && block.code === "DIMENSION_MISSING") return missingDimensionCode(dimension);
  if (dimension && block.code === "DIMENSION_UNMAPPED") return unmappedDimensionCode(dimension);
  return block.code;
}

/** The `blocks-billing` exception of a blocked invoice, with its exact amount. */
export function blockedInvoiceException(
  event: InvoiceEvent,
  block: InvoiceBlock,
  now: Date,
): IntegrationException {
  return createIntegrationException({
    code: exceptionCodeOf(block),
    impact: "blocks-billing",
    message: `invoice blocked: ${block.message}`,
    record: { key: event.key, type: "InvoiceEvent", project: event.project.key },
    field: block.field,
    amount: event.amount,
    now,
  });
}

/** `date` plus `days` days, `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
