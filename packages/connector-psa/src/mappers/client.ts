import { type Client, parseClient } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { KantataWorkspaceGroup } from "../kantata-types.js";
import { kantataOrigin } from "./source.js";

/**
 * Kantata workspace group with `company` set → canonical {@link Client}. Pure. Throws
 * {@link ValidationError} naming `company` for a group that does not stand for a company.
 */
export function toClient(group: KantataWorkspaceGroup): Client {
  if (!group.company) {
    throw new ValidationError(`Workspace group ${group.id} is not a company`, [
      { path: "company", message: "only company workspace groups are clients", code: "not_a_company" },
    ]);
  }
  return parseClient({ ...kantataOrigin("workspace_groups", group), name: group.name, active: true });
}
