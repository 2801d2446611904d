import { parseResource, type Resource } from "@ledgerline/canonical";
import type { KantataUser } from "../kantata-types.js";
import { FieldReader } from "./fields.js";
import { kantataOrigin } from "./source.js";

/** Options of {@link toResource}. */
export interface ResourceOptions {
  /**
   * When the user was read, as `source.updatedAt` (Kantata users carry no timestamps).
   * @default "1970-01-01T00:00:00Z" (unknown)
   */
  observedAt?: string | undefined;
}

/**
 * Kantata user → canonical {@link Resource}. Pure and total: a record that is not a valid user throws a
 * `ValidationError` naming every offending field (never a value).
 *
 * - `active` is `!disabled` (Kantata's deactivated people); when `disabled` is not sent, `true`.
 * - Kantata users have no `created_at` / `updated_at`: the version is a content hash (core's
 *   `contentHash`) of the attributes mapped, so a changed name, email, headline or `disabled` is a new
 *   version and an unchanged user is skipped as unchanged.
 * - `kind` is `other`: Kantata does not say employee or contractor. Pass `overrides` when an HCM (Workday)
 *   knows better.
 */
export function toResource(
  user: KantataUser,
  overrides: Partial<Pick<Resource, "kind" | "active">> = {},
  options: ResourceOptions = {},
): Resource {
  const r = new FieldReader(user, "Kantata user");
  const id = r.id("id");
  const name = r.string("full_name");
  const email = r.string("email_address", "nullable");
  const headline = r.string("headline", "nullable");
  const disabled = r.boolean("disabled", "nullable");
  const updatedAt = r.instant("updated_at", "optional");
  r.check();
  const content = {
    full_name: name,
    email_address: email ?? null,
    headline: headline ?? null,
    disabled: disabled ?? null,
  };
  return parseResource({
    ...kantataOrigin("users", { id, updated_at: updatedAt }, { content, observedAt: options.observedAt }),
    name,
    ...(email ? { email } : {}),
    kind: overrides.kind ?? "other",
    active: overrides.active ?? disabled !== true,
    ...(headline ? { title: headline } : {}),
  });
}
