import { BillingType, type Project, ProjectStatus, parseProject, type Ref } from "@ledgerline/canonical";
import type { KantataUser, KantataWorkspace, KantataWorkspaceGroup } from "../kantata-types.js";
import { FieldReader, nameOf } from "./fields.js";
import { moneyFromCents } from "./money.js";
import { kantataOrigin, kantataRef } from "./source.js";

/** What {@link toProject} needs besides the workspace. */
export interface ProjectContext {
  /** The client, when the caller knows it from elsewhere (CRM account, external reference …). */
  client?: Ref | undefined;
  /**
   * The workspace's client group (the group of `primary_workspace_group_id`, else a workspace group with
   * `company` set); used when `client` is absent.
   */
  clientGroup?: KantataWorkspaceGroup | undefined;
  /** The primary maven (project lead), to name the `projectManager` reference. */
  primaryMaven?: KantataUser | undefined;
  /**
   * The firm's currency (ISO 4217), used when the workspace does not send `currency` — Kantata sends the
   * financial attributes only to tokens with financial access. Without either, the workspace is rejected
   * naming `currency` (code `currency_unknown`): a project's currency is never guessed.
   */
  currency?: string | undefined;
}

/**
 * Kantata workspace → canonical {@link Project}. Pure and total: any record that is not a valid workspace
 * throws a `ValidationError` naming every offending field with its reason (never a value).
 *
 * - `status` from `status.message` (`Active`, `Completed`, `On Hold` …); unknown labels stay as
 *   `{ code: "other", raw }`.
 * - `billingType` from `stories_are_fixed_fee_by_default` (fixed fee / time and materials); when the
 *   workspace does not say, `{ code: "other", raw: "" }`.
 * - `currency` from the workspace, else `context.currency`; `budget` from `price_in_cents` only when the
 *   workspace sends it (financial access), exactly.
 * - `endDate` from `due_date`, else `effective_due_date` (`""` when unset).
 * - `requiresTimeApproval` / `requiresExpenseApproval`: Kantata often omits `require_*_approvals`. Absent
 *   means unknown, and unknown maps to `true` — approval required — so nothing is ever treated as exempt
 *   from approval because a flag was missing (the posting policy refuses unapproved time and expenses in
 *   any case).
 *
 * Throws `ValidationError` naming `client` when neither `context.client` nor a company `clientGroup` is
 * given, and `currency` when neither the workspace nor `context.currency` gives one.
 */
export function toProject(workspace: KantataWorkspace, context: ProjectContext = {}): Project {
  const r = new FieldReader(workspace, "Kantata workspace");
  const id = r.id("id");
  const updatedAt = r.instant("updated_at");
  const title = r.string("title");
  const status = r.object("status");
  const statusMessage = status?.string("message");
  const ownCurrency = r.string("currency", "nullable");
  const price = r.integer("price_in_cents", "nullable");
  const startDate = r.date("start_date", "nullable", true);
  const dueDate = r.date("due_date", "nullable", true);
  const effectiveDueDate = r.date("effective_due_date", "nullable", true);
  const fixedFee = r.boolean("stories_are_fixed_fee_by_default", "nullable");
  const requiresTime = r.boolean("require_time_approvals", "nullable");
  const requiresExpense = r.boolean("require_expense_approvals", "nullable");
  const primaryMavenId = r.id("primary_maven_id", "nullable");
  const client = context.client ?? clientRef(context.clientGroup);
  if (client === undefined) {
    r.add("client", "no client given and no company workspace group", "missing_client");
  }
  const currency = ownCurrency ?? context.currency;
  if (currency === undefined && !r.issues.some((i) => i.path === "currency")) {
    r.add(
      "currency",
      "not sent (the token has no financial access) and no firm currency configured",
      "currency_unknown",
    );
  }
  r.check();
  const budget = moneyFromCents(price, currency, "price_in_cents");
  return parseProject({
    ...kantataOrigin("workspaces", { id, updated_at: updatedAt }),
    name: title,
    client,
    status: ProjectStatus.normalize(statusMessage),
    billingType: BillingType.normalize(
      fixedFee === undefined ? undefined : fixedFee ? "fixed_fee" : "time_and_materials",
    ),
    currency,
    ...(startDate ? { startDate } : {}),
    ...((dueDate ?? effectiveDueDate) ? { endDate: dueDate ?? effectiveDueDate } : {}),
    ...(budget ? { budget } : {}),
    requiresTimeApproval: requiresTime ?? true,
    requiresExpenseApproval: requiresExpense ?? true,
    ...(primaryMavenId
      ? { projectManager: kantataRef("users", primaryMavenId, nameOf(context.primaryMaven, "full_name")) }
      : {}),
  });
}

function clientRef(group: KantataWorkspaceGroup | undefined): Ref | undefined {
  if (group === undefined) return undefined;
  const r = new FieldReader(group, "Kantata workspace group");
  const id = r.id("id");
  const company = r.boolean("company");
  if (r.issues.length > 0 || !company) return undefined;
  return kantataRef("workspace_groups", id, nameOf(group, "name"));
}
