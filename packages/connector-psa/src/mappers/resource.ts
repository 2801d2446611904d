import { parseResource, type Resource } from "@ledgerline/canonical";
import type { KantataUser } from "../kantata-types.js";
import { kantataOrigin } from "./source.js";

/**
 * Kantata user → canonical {@link Resource}. Pure.
 *
 * Kantata's user object says neither whether someone is an employee or a contractor nor whether they are
 * still active, so `kind` is `other` (not guessed) and `active` is `true`: the users list answers account
 * members the token can see (UNCONFIRMED). Pass `overrides` when an HCM (Workday) knows better.
 */
export function toResource(
  user: KantataUser,
  overrides: Partial<Pick<Resource, "kind" | "active">> = {},
): Resource {
  return parseResource({
    ...kantataOrigin("users", user),
    name: user.full_name,
    ...(user.email_address ? { email: user.email_address } : {}),
    kind: overrides.kind ?? "other",
    active: overrides.active ?? true,
    ...(user.headline ? { title: user.headline } : {}),
  });
}
