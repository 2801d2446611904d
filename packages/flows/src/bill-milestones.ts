import type {
  BillingMilestone,
  Engagement,
  IntegrationException,
  InvoiceEvent,
  Milestone,
  Project,
} from "@ledgerline/canonical";
import { createIntegrationException } from "@ledgerline/canonical";
import { invoiceKey } from "./billing-ledger.js";
import { addDays } from "./billing-policy.js";
import { BillingRecorder, type BillingReport, describeError } from "./billing-report.js";
import {
  type BillingDeps,
  combined,
  kantataSubject,
  projectRef,
  raiseInvoice,
  writeBack,
} from "./invoice-writer.js";

/** Input of {@link billMilestones}. */
export interface BillMilestonesOptions extends BillingDeps {
  /** Milestones read from the PSA (`psa.milestones({ completedOn })`); completed and accepted ones bill. */
  milestones: Iterable<Milestone> | AsyncIterable<Milestone>;
  /** The projects the milestones belong to (client, engagement, dimensions). */
  projects: Iterable<Project>;
  /** The engagements (SOWs) whose billing milestones give the fees. */
  engagements: Iterable<Engagement>;
}

/** The billing milestone of `engagement` a delivery milestone triggers: by reference, else by name. */
export function billingMilestoneFor(
  engagement: Engagement,
  milestone: Pick<Milestone, "key" | "name">,
): BillingMilestone | undefined {
  const terms = engagement.billingTerms.milestones ?? [];
  return (
    terms.find((m) => m.milestone?.key === milestone.key) ??
    terms.find(
      (m) => m.milestone === undefined && m.name.trim().toLowerCase() === milestone.name.trim().toLowerCase(),
    )
  );
}

/**
 * Bills completed milestones: each Kantata milestone that reached `completed` (or `accepted`) becomes a
 * canonical `InvoiceEvent` of kind `milestone` for the fixed fee of the engagement's billing milestone, then a
 * NetSuite invoice by external id (`inv-milestone-<milestone key>`), and the invoice id goes back to the
 * milestone story as a Kantata external reference.
 *
 * Every completed billable milestone is one record of the report: `written` (invoice or write-back sent now),
 * `unchanged` (already invoiced and written back: an issued invoice is never rewritten), `rejected` (blocked:
 * no billing milestone `NO_BILLING_MILESTONE`, no project, client on credit hold `CUSTOMER_ON_HOLD`, missing
 * or unmapped tax code or subsidiary — with a `blocks-billing` exception carrying the amount) or `failed`
 * (safe to run again). Open, cancelled and non-billable milestones are listed in `skipped`.
 * Idempotent and crash-safe: a rerun raises no second invoice (ledger + upsert by external id).
 */
export async function billMilestones(options: BillMilestonesOptions): Promise<BillingReport> {
  const clock = options.now ?? (() => new Date());
  const recorder = new BillingRecorder("billMilestones", clock());
  const projects = new Map([...options.projects].map((p) => [p.key, p]));
  const engagements = new Map([...options.engagements].map((e) => [e.key, e]));
  for await (const milestone of options.milestones) {
    options.signal?.throwIfAborted();
    if (milestone.state !== "completed" && milestone.state !== "accepted") {
      recorder.skipped.push({ key: milestone.key, type: "Milestone", reason: "NOT_COMPLETED" });
      continue;
    }
    if (!milestone.billable) {
      recorder.skipped.push({ key: milestone.key, type: "Milestone", reason: "NOT_BILLABLE" });
      continue;
    }
    try {
      await billOne(options, recorder, milestone, projects, engagements, clock());
    } catch (error) {
      options.signal?.throwIfAborted();
      recorder.record({
        key: milestone.key,
        type: "Milestone",
        status: "failed",
        reason: { code: "FAILED", message: describeError(error) },
      });
    }
  }
  return recorder.report(clock());
}

async function billOne(
  deps: BillMilestonesOptions,
  recorder: BillingRecorder,
  milestone: Milestone,
  projects: ReadonlyMap<string, Project>,
  engagements: ReadonlyMap<string, Engagement>,
  now: Date,
): Promise<void> {
  const project = projects.get(milestone.project.key);
  const engagement = project?.engagement ? engagements.get(project.engagement.key) : undefined;
  const terms = engagement ? billingMilestoneFor(engagement, milestone) : undefined;
  if (!project || !engagement || !terms) {
    const field = !project ? "project" : !engagement ? "project.engagement" : "milestone";
    const message = !project
      ? "the milestone's project is unknown"
      : !engagement
        ? "the project has no engagement with billing terms"
        : "no billing milestone of the engagement names this milestone";
    const code = !project ? "UNMAPPED" : "NO_BILLING_MILESTONE";
    recorder.record({
      key: milestone.key,
      type: "Milestone",
      status: "rejected",
      reason: { code, field, message },
    });
    recorder.exceptions.push(
      createIntegrationException({
        code,
        impact: "blocks-billing",
        message: `milestone not invoiced: ${message}`,
        record: { key: milestone.key, type: "Milestone", project: milestone.project.key },
        field,
        ...(milestone.amount ? { amount: milestone.amount } : {}),
        now,
      }),
    );
    return;
  }
  const policy = deps.policy ?? {};
  const completedOn = milestone.completedOn ?? now.toISOString().slice(0, 10);
  const date = policy.openFrom !== undefined && completedOn < policy.openFrom ? policy.openFrom : completedOn;
  const taxCode = policy.taxCodeFor?.(project);
  const event: InvoiceEvent = {
    key: invoiceKey("milestone", milestone.key),
    source: {
      system: "ledgerline",
      type: "milestone_invoice",
      id: milestone.key,
      version: milestone.source.version,
      updatedAt: milestone.source.updatedAt,
    },
    kind: "milestone",
    status: "ready",
    client: project.client,
    project: projectRef(deps, project),
    engagement: { key: engagement.key, name: engagement.name },
    milestone: { key: milestone.key, name: milestone.name },
    date,
    ...(policy.paymentTermsDays === undefined ? {} : { dueDate: addDays(date, policy.paymentTermsDays) }),
    amount: terms.amount,
    ...(taxCode === undefined ? {} : { taxCode }),
    lines: [{ kind: "fee", description: terms.name, amount: terms.amount }],
    ...(project.dimensions ? { dimensions: project.dimensions } : {}),
    memo: `${engagement.name}: ${terms.name}`,
  };
  const outcome = await raiseInvoice(deps, recorder, event);
  let status = outcome.status;
  let error = outcome.error;
  if (outcome.netsuiteId) {
    try {
      const back = await writeBack(
        deps,
        recorder,
        kantataSubject(milestone.key, milestone.source),
        outcome.netsuiteId,
      );
      status = combined(status, back);
    } catch (e) {
      deps.signal?.throwIfAborted();
      status = "failed";
      error = `the invoice id could not be written back to the PSA: ${describeError(e)}`;
    }
  }
  if (date !== completedOn && status !== "rejected")
    recorder.exceptions.push(afterClose(event, completedOn, now));
  recorder.invoices.push({
    key: event.key,
    kind: "milestone",
    project: project.key,
    period: date.slice(0, 7),
    date,
    amount: event.amount,
    status,
    ...(outcome.netsuiteId ? { netsuiteId: outcome.netsuiteId } : {}),
    milestone: milestone.key,
    work: [],
  });
  recorder.record({
    key: milestone.key,
    type: "Milestone",
    status,
    ...(outcome.netsuiteId ? { targets: { netsuite: outcome.netsuiteId } } : {}),
    ...(outcome.block
      ? { reason: { code: outcome.block.code, field: outcome.block.field, message: outcome.block.message } }
      : error
        ? { reason: { code: "FAILED", message: error } }
        : {}),
  });
}

function afterClose(event: InvoiceEvent, completedOn: string, now: Date): IntegrationException {
  return createIntegrationException({
    code: "COMPLETED_AFTER_CLOSE",
    impact: "blocks-revenue",
    message: `the milestone was completed in a closed period (${completedOn.slice(0, 7)}); it is invoiced in the open period`,
    record: { key: event.key, type: "InvoiceEvent", project: event.project.key },
    field: "date",
    amount: event.amount,
    now,
  });
}
