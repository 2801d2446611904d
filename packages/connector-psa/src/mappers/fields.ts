import { FieldReader as CoreFieldReader, type FieldPresence } from "@ledgerline/core";

const ID = /^\d{1,32}$/;
const ID_REASON = "must be an id (a string of digits)";

/**
 * Reads the attributes of one Kantata record of unknown shape: core's {@link CoreFieldReader} (every
 * problem collected as an issue naming the field and the reason, never the value; `check()` before anything
 * is computed) plus Kantata's ids. Mappers read every field they use through it, so a hostile record
 * becomes one typed rejection, never a `TypeError`.
 */
export class FieldReader extends CoreFieldReader {
  /** A Kantata id: decimal digits sent as a JSON string (a number is refused: ids are strings in Kantata). */
  id(field: string): string;
  id(field: string, presence: "optional" | "nullable"): string | undefined;
  id(field: string, presence: FieldPresence = "required"): string | undefined {
    return presence === "required"
      ? this.matching(field, ID, ID_REASON)
      : this.matching(field, ID, ID_REASON, presence);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A string attribute of a side-loaded record used only to name a reference (a user's `full_name`, a
 * workspace's `title`): `undefined` when the record is absent or the attribute is not a non-empty string.
 */
export function nameOf(record: unknown, field: string): string | undefined {
  if (!isObject(record)) return undefined;
  const value = record[field];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** The side-loaded record when it is an object, else `undefined` (a hostile include is ignored, not trusted). */
export function objectOrUndefined<T>(record: T | undefined): T | undefined {
  return isObject(record) ? record : undefined;
}
