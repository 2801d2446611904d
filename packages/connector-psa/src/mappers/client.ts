import { type Client, parseClient } from "@ledgerline/canonical";
import type { KantataWorkspaceGroup } from "../kantata-types.js";
import { FieldReader } from "./fields.js";
import { kantataOrigin } from "./source.js";

/**
 * Kantata workspace group with `company` set → canonical {@link Client}. Pure and total: throws a
 * `ValidationError` naming each offending field (never a value) for a record that is not a valid group,
 * and naming `company` for a group that does not stand for a company.
 */
export function toClient(group: KantataWorkspaceGroup): Client {
  const r = new FieldReader(group, "Kantata workspace group");
  const id = r.id("id");
  const updatedAt = r.instant("updated_at");
  const name = r.string("name");
  const company = r.boolean("company");
  if (r.valid("company") && company === false) {
    r.add("company", "only company workspace groups are clients", "not_a_company");
  }
  r.check();
  return parseClient({
    ...kantataOrigin("workspace_groups", { id, updated_at: updatedAt }),
    name,
    active: true,
  });
}
