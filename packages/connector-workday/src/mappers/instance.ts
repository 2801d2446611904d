import type { FieldReader } from "@ledgerline/core";
import { WID_PATTERN } from "../workday-types.js";

const WID_REASON = "must be a Workday ID (32 hexadecimal characters)";

/** A reference `{ id, descriptor?, href? }` read from `field` of `r` (`undefined` when absent). */
export function readInstance(
  r: FieldReader,
  field: string,
  presence: "required" | "optional" = "optional",
): { id: string; descriptor: string | undefined } | undefined {
  const o = r.object(field, presence);
  if (o === undefined) return undefined;
  const id = o.matching("id", WID_PATTERN, WID_REASON);
  const descriptor = o.string("descriptor", "optional");
  return { id, descriptor };
}

/** The WID of the record itself. */
export function readWid(r: FieldReader): string {
  return r.matching("id", WID_PATTERN, WID_REASON);
}
