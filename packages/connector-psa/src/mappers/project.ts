import { BillingType, type Project, ProjectStatus, parseProject, type Ref } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { KantataUser, KantataWorkspace, KantataWorkspaceGroup } from "../kantata-types.js";
import { moneyFromCents } from "./money.js";
import { kantataOrigin, kantataRef } from "./source.js";

/** What {@link toProject} needs besides the workspace. */
export interface ProjectContext {
  /** The client, when the caller knows it from elsewhere (CRM account, external reference …). */
  client?: Ref | undefined;
  /** The workspace's client group (a workspace group with `company` set); used when `client` is absent. */
  clientGroup?: KantataWorkspaceGroup | undefined;
  /** The primary maven (project lead), to name the `projectManager` reference. */
  primaryMaven?: KantataUser | undefined;
}

/**
 * Kantata workspace → canonical {@link Project}. Pure.
 *
 * - `status` from `status.message` (`Active`, `Completed`, `On Hold` …); unknown labels stay as
 *   `{ code: "other", raw }`.
 * - `billingType` from `stories_are_fixed_fee_by_default` (fixed fee / time and materials); when the
 *   workspace does not say, `{ code: "other", raw: "" }`.
 * - `budget` from `price_in_cents` in `currency`, exactly.
 *
 * Throws {@link ValidationError} (`client`) when neither `context.client` nor `context.clientGroup` is given.
 */
export function toProject(workspace: KantataWorkspace, context: ProjectContext = {}): Project {
  const client = context.client ?? clientRef(context.clientGroup);
  if (client === undefined) {
    throw new ValidationError(`Workspace ${workspace.id} has no client`, [
      { path: "client", message: "no client given and no company workspace group", code: "missing_client" },
    ]);
  }
  const fixedFee = workspace.stories_are_fixed_fee_by_default;
  const budget = moneyFromCents(workspace.price_in_cents, workspace.currency, "price_in_cents");
  return parseProject({
    ...kantataOrigin("workspaces", workspace),
    name: workspace.title,
    client,
    status: ProjectStatus.normalize(workspace.status.message),
    billingType:
      fixedFee === undefined
        ? BillingType.normalize(undefined)
        : BillingType.normalize(fixedFee ? "fixed_fee" : "time_and_materials"),
    currency: workspace.currency,
    ...(workspace.start_date ? { startDate: workspace.start_date } : {}),
    ...(workspace.due_date ? { endDate: workspace.due_date } : {}),
    ...(budget ? { budget } : {}),
    requiresTimeApproval: workspace.require_time_approvals,
    requiresExpenseApproval: workspace.require_expense_approvals,
    ...(workspace.primary_maven_id
      ? { projectManager: kantataRef("users", workspace.primary_maven_id, context.primaryMaven?.full_name) }
      : {}),
  });
}

function clientRef(group: KantataWorkspaceGroup | undefined): Ref | undefined {
  if (group === undefined || !group.company) return undefined;
  return kantataRef("workspace_groups", group.id, group.name);
}
