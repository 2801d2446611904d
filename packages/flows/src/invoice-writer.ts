import type { InvoiceEvent, SourceRef } from "@ledgerline/canonical";
import type { NetSuiteClient } from "@ledgerline/connector-netsuite";
import type { KantataExternalReferenceWrite, PsaClient } from "@ledgerline/connector-psa";
import { idempotentUpsert, type Ledger } from "@ledgerline/core";
import { XREF_PREFIX } from "./billing-ledger.js";
import {
  type BillingPolicy,
  blockedInvoiceException,
  type InvoiceBlock,
  policyBlocks,
} from "./billing-policy.js";
import type { BillingRecorder } from "./billing-report.js";
import type { StepRecordStatus } from "./report.js";

/** What the billing steps share: the clients, the ledger, finance's policy, a clock and a signal. */
export interface BillingDeps {
  /** NetSuite, created with the same `ledger` (its postings resolve the time bills an invoice bills). */
  netsuite: NetSuiteClient;
  /**
   * Ids other systems gave each project, by project key — e.g. `DeliverySnapshot.projectIds` from
   * `crosswalkProjects`: the invoice then goes to the NetSuite job the SOW flow created.
   */
  projectIds?: ReadonlyMap<string, Readonly<Record<string, string>>> | undefined;
  /**
   * The ledger the NetSuite client posts through: it already holds the posted time bills and expense
   * reports; billing adds its invoices, which work each bills, and the PSA write-backs.
   */
  ledger: Ledger;
  /** Kantata: the invoice id goes back to it as an external reference. Without it nothing is written back. */
  psa?: PsaClient | undefined;
  /** Finance's rules: credit holds, tax codes, payment terms, the open period. */
  policy?: BillingPolicy | undefined;
  /** Clock. @default () => new Date() */
  now?: (() => Date) | undefined;
  signal?: AbortSignal | undefined;
}

/** Outcome of raising one invoice. */
export interface InvoiceOutcome {
  status: StepRecordStatus;
  netsuiteId?: string;
  block?: InvoiceBlock;
  error?: string;
}

const KANTATA_SUBJECTS: Readonly<Record<string, string>> = {
  stories: "Story",
  time_entries: "TimeEntry",
  expenses: "Expense",
  workspaces: "Workspace",
};

/** The Kantata object a canonical record came from, if it came from Kantata. */
export function kantataSubject(
  key: string,
  source: SourceRef,
): { key: string; type: string; id: string } | undefined {
  const type = source.system === "kantata" ? KANTATA_SUBJECTS[source.type] : undefined;
  return type ? { key, type, id: source.id } : undefined;
}

/**
 * Raises one invoice: an invoice already in the ledger is never rewritten (`unchanged`: an issued invoice
 * is final); finance's blocks and NetSuite's refusals reject it with a `blocks-billing` exception carrying
 * its amount; otherwise it is upserted by external id through the ledger, so a rerun after a crash updates
 * the same invoice instead of raising a second one.
 */
export async function raiseInvoice(
  deps: BillingDeps,
  recorder: BillingRecorder,
  event: InvoiceEvent,
): Promise<InvoiceOutcome> {
  const now = deps.now?.() ?? new Date();
  const issued = await deps.ledger.get(event.key);
  if (issued) return { status: "unchanged", netsuiteId: issued.targetId };
  const blocks = policyBlocks(event, deps.policy ?? {});
  if (blocks.length === 0) {
    const result = await recorder.phase("netsuite", () => deps.netsuite.upsertInvoice(event));
    if (result.status === "written" || result.status === "unchanged") {
      return { status: result.status, ...(result.internalId ? { netsuiteId: result.internalId } : {}) };
    }
    if (result.status === "failed") return { status: "failed", error: result.reason ?? "unknown error" };
    const issue = result.issues?.[0];
    blocks.push({
      code: issue?.code ?? "VALIDATION_FAILED",
      field: issue?.path ?? result.field ?? "",
      message: issue?.message ?? result.reason ?? "NetSuite refused the invoice",
    });
  }
  for (const block of blocks) recorder.exceptions.push(blockedInvoiceException(event, block, now));
  const [first] = blocks;
  return { status: "rejected", ...(first ? { block: first } : {}) };
}

/**
 * Writes the invoice id back to the PSA as an external reference on `subject`, once: the write-back is
 * recorded in the ledger (`xref/<subject key>`), so a rerun skips it, and a crash between the invoice and
 * the reference is repaired by the next run. Returns whether it wrote.
 */
export async function writeBack(
  deps: BillingDeps,
  recorder: BillingRecorder,
  subject: { key: string; type: string; id: string } | undefined,
  netsuiteId: string,
): Promise<"written" | "unchanged" | "skipped"> {
  const psa = deps.psa;
  if (!psa || !subject) return "skipped";
  const reference = {
    subject_type: subject.type as KantataExternalReferenceWrite["subject_type"],
    subject_id: subject.id,
    service_name: "NetSuite",
    service_model: "invoice",
    service_model_ref: netsuiteId,
    status: "successful" as const,
  };
  const result = await recorder.phase("psa", () =>
    idempotentUpsert({
      ledger: deps.ledger,
      key: `${XREF_PREFIX}${subject.key}`,
      content: reference,
      write: async () => (await psa.upsertExternalReference(reference)).id,
    }),
  );
  return result.status;
}

/** Combines an invoice's outcome with its write-back: anything written makes the record `written`. */
export function combined(
  status: StepRecordStatus,
  back: "written" | "unchanged" | "skipped",
): StepRecordStatus {
  return status === "unchanged" && back === "written" ? "written" : status;
}

/** The reference an invoice makes to its project: key and name, plus the ids other systems gave it. */
export function projectRef(
  deps: Pick<BillingDeps, "projectIds">,
  project: { key: string; name: string },
): { key: string; name: string; ids?: Record<string, string> } {
  const ids = deps.projectIds?.get(project.key);
  return { key: project.key, name: project.name, ...(ids ? { ids: { ...ids } } : {}) };
}
