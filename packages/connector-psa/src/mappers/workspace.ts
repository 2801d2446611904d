import { fromMinorUnits, type Money, type Project, toMinorUnits } from "@ledgerline/canonical";
import type { KantataWorkspace } from "../kantata-types.js";
import type { KantataWorkspaceUpdate } from "../workspace-writes.js";

/** The fields of a canonical project a Kantata workspace carries. */
export type WorkspaceProjectFields = Partial<
  Pick<Project, "name" | "currency" | "startDate" | "endDate" | "budget">
>;

/**
 * Canonical project fields → the Kantata workspace attributes that hold them (for `createWorkspace` /
 * `updateWorkspace`): `name` → `title`, `startDate` → `start_date`, `endDate` → `due_date`, `currency`,
 * `budget` → `price` (an exact decimal string in major units, with the currency's decimals). Only the
 * fields given are mapped. Pure.
 */
export function toWorkspaceAttributes(fields: WorkspaceProjectFields): KantataWorkspaceUpdate {
  return {
    ...(fields.name !== undefined ? { title: fields.name } : {}),
    ...(fields.currency !== undefined ? { currency: fields.currency } : {}),
    ...(fields.startDate !== undefined ? { start_date: fields.startDate } : {}),
    ...(fields.endDate !== undefined ? { due_date: fields.endDate } : {}),
    ...(fields.budget !== undefined ? { price: exactDecimal(fields.budget) } : {}),
  };
}

/**
 * A Kantata workspace's project fields, in canonical form (the inverse of {@link toWorkspaceAttributes}):
 * `budget` from `price_in_cents` and `currency` — both sent only to tokens with financial access, so
 * absent without it. Pure.
 */
export function workspaceProjectFields(workspace: KantataWorkspace): WorkspaceProjectFields {
  const currency = typeof workspace.currency === "string" ? workspace.currency : undefined;
  return {
    name: workspace.title,
    ...(currency ? { currency: currency as Project["currency"] } : {}),
    ...(workspace.start_date ? { startDate: workspace.start_date } : {}),
    ...(workspace.due_date ? { endDate: workspace.due_date } : {}),
    ...(currency && typeof workspace.price_in_cents === "number"
      ? { budget: fromMinorUnits(BigInt(workspace.price_in_cents), currency) }
      : {}),
  };
}

/** Money as a decimal string with exactly the currency's decimals (`"125000.50"`). */
function exactDecimal(money: Money): string {
  return fromMinorUnits(toMinorUnits(money), money.currency).amount;
}
