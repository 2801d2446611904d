import type { Engagement, Project, Ref } from "@ledgerline/canonical";
import type { BillingPolicy } from "@ledgerline/flows";
import type { DemoDataSet } from "./seed.js";

/** The NetSuite service item the demo's invoice lines use (fixed fees). */
export const DEMO_INVOICE_ITEM = "501";

/** How many of the demo's projects are sold as fixed fee by milestones (the first ones). */
const FIXED_FEE_PROJECTS = 2;
/** The fee of each billing milestone, per project: Design sign-off, Go-live. */
const FEES: Record<string, string> = { "Design sign-off": "45000.00", "Go-live": "60000.00" };

/** The billing cases planted in the demo's data, derived from the data set alone (deterministic). */
export interface BillingScenario {
  /** The billing period (the demo's month). */
  period: { id: string; start: string; end: string };
  /** Kantata workspace ids sold as fixed fee by milestones. */
  fixedFeeWorkspaceIds: string[];
  /** Completed milestone stories and the day each was completed (Kantata stories carry no such date). */
  completedOn: Map<string, string>;
  /** The milestone completed on the last day of the month before, recorded after that month was closed. */
  completedAfterCloseStoryId: string;
  /** The client on credit hold: its time-and-materials invoices are blocked. */
  onHoldClientGroupId: string;
  /** Finance's billing policy for the run. */
  policy: BillingPolicy;
}

/** The demo's billing scenario for a data set. */
export function billingScenario(data: DemoDataSet): BillingScenario {
  const workspaces = data.kantata.workspaces;
  const fixedFee = workspaces.slice(0, FIXED_FEE_PROJECTS).map((w) => w.id);
  const milestones = data.kantata.stories.filter(
    (s) => s.story_type === "milestone" && s.title === "Design sign-off" && fixedFee.includes(s.workspace_id),
  );
  const completedOn = new Map<string, string>();
  const [first, late] = milestones;
  // One design sign-off completed mid-month; the other on the last day of the month before, but only
  // recorded in Kantata after that month was closed: it is invoiced in the open month and flagged.
  if (first) completedOn.set(first.id, `${data.period.from.slice(0, 8)}14`);
  if (late) completedOn.set(late.id, previousDay(data.period.from));
  // A time-and-materials client (not one with a fixed-fee project) is on credit hold.
  const holdWorkspace = workspaces[FIXED_FEE_PROJECTS] ?? workspaces[0];
  const onHold = holdWorkspace?.primary_workspace_group_id ?? "";
  const onHoldKey = `kantata-workspace_groups-${onHold}`;
  return {
    period: { id: data.period.from.slice(0, 7), start: data.period.from, end: data.period.to },
    fixedFeeWorkspaceIds: fixedFee,
    completedOn,
    completedAfterCloseStoryId: late?.id ?? "",
    onHoldClientGroupId: onHold,
    policy: {
      onHold: (client: Ref) => client.key === onHoldKey,
      paymentTermsDays: 30,
      openFrom: data.period.from,
    },
  };
}

/**
 * Plants the billing cases in the generated Kantata data, before the fake is seeded: the first projects
 * are fixed fee (Kantata `stories_are_fixed_fee_by_default`), and their design sign-off milestones are
 * completed (one of them after the previous month's close).
 */
export function plantBilling(data: DemoDataSet): void {
  const scenario = billingScenario(data);
  for (const workspace of data.kantata.workspaces) {
    if (scenario.fixedFeeWorkspaceIds.includes(workspace.id))
      workspace.stories_are_fixed_fee_by_default = true;
  }
  for (const story of data.kantata.stories) {
    const day = scenario.completedOn.get(story.id);
    if (day === undefined) continue;
    story.state = "completed";
    // Kantata records when the story changed: the late one only after the month it belongs to was closed.
    story.updated_at =
      story.id === scenario.completedAfterCloseStoryId
        ? `${data.period.from.slice(0, 8)}02T10:00:00Z`
        : `${day}T17:00:00Z`;
  }
}

/**
 * The statements of work behind the demo's projects (what the SOW sync brings from Salesforce): fixed-fee
 * ones with their billing milestones, time-and-materials ones without.
 */
export function demoEngagements(projects: readonly Project[], scenario: BillingScenario): Engagement[] {
  return projects.map((project) => {
    const fixedFee = scenario.fixedFeeWorkspaceIds.includes(project.source.id);
    return {
      key: engagementKeyOf(project),
      source: { ...project.source, system: "salesforce", type: "opportunity" },
      client: project.client,
      name: `SOW ${project.name}`,
      status: { code: "active" },
      billingType: { code: fixedFee ? "milestone" : "time_and_materials" },
      currency: project.currency,
      billingTerms: fixedFee
        ? {
            milestones: Object.entries(FEES).map(([name, amount], i) => ({
              code: `m${i + 1}`,
              name,
              amount: { amount, currency: project.currency },
            })),
          }
        : {},
    };
  });
}

/** The canonical key of a project's engagement in the demo. */
export function engagementKeyOf(project: Project): string {
  return `salesforce-opportunity-${project.source.id}`;
}

function previousDay(date: string): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() - 1);
  return at.toISOString().slice(0, 10);
}
