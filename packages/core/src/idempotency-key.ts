import { createHash } from "node:crypto";
import { z } from "zod";
import { ValidationError } from "./errors.js";
import { integerBetween, optionsObject, parseOptions } from "./options.js";

const idempotencyKeyOptionsSchema = optionsObject({
  maxLength: integerBetween(32).optional(),
  caseSensitive: z.boolean({ error: "must be a boolean" }).optional(),
});

/** Identity of a source record: which system it comes from, its type, its id there, and optionally a version. */
export interface IdempotencyKeyInput {
  /** Source system, e.g. `"kantata"`. Must not be empty. */
  system: string;
  /** Record type in that system, e.g. `"time_entry"`. Must not be empty. */
  type: string;
  /** Id of the record in the source system. Must not be empty. */
  id: string | number;
  /**
   * Version of the record. Include it when every version is a separate posting (an immutable ledger line);
   * leave it out when the target should hold one record that is updated in place (upsert by external id).
   */
  version?: string | number;
}

/** Options for {@link idempotencyKey}. */
export interface IdempotencyKeyOptions {
  /**
   * Maximum length of the key. Keys that would be longer are shortened to a readable prefix plus a hash.
   * Must be at least 32.
   * @default 64
   */
  maxLength?: number;
  /**
   * Keep upper-case letters as they are. By default the readable part is lower-cased (and a hash suffix is
   * added when that changed the text), so the key stays unique in targets whose external ids are
   * case-insensitive.
   * @default false
   */
  caseSensitive?: boolean;
}

const HASH_LENGTH = 24; // 96 bits of SHA-256, hex
const HASH_MARK = "__"; // never appears in a plain key: plain parts are non-empty and contain no "_"

/**
 * Builds a deterministic key from a record's source identity, safe to use as an external id in every
 * target: only letters, digits, `_` and `-`, at most `maxLength` characters.
 *
 * The plain form is `system_type_id[_version]`, used when every part consists of letters, digits and `-`
 * only and the whole fits. Otherwise the key is a sanitised readable prefix, `__`, and 24 hex characters
 * of a SHA-256 over the exact parts, so distinct inputs never share a key (up to a 96-bit hash collision),
 * and a plain key can never equal a hashed one.
 *
 * @example
 * idempotencyKey({ system: "kantata", type: "time_entry", id: 42, version: 3 });
 * // "kantata_time_entry__…" (the "_" inside "time_entry" forces the hashed form)
 * idempotencyKey({ system: "kantata", type: "time-entry", id: 42 }); // "kantata_time-entry_42"
 * @throws ValidationError when a part is empty or not a string/finite number (the issue names the field)
 * @throws TypeError when an option is invalid
 */
export function idempotencyKey(input: IdempotencyKeyInput, options: IdempotencyKeyOptions = {}): string {
  parseOptions(idempotencyKeyOptionsSchema, options, "idempotencyKey");
  const maxLength = options.maxLength ?? 64;
  const parts: string[] = [];
  for (const field of ["system", "type", "id", "version"] as const) {
    const value = input[field];
    if (value === undefined && field === "version") continue;
    const text =
      typeof value === "string" || (typeof value === "number" && Number.isFinite(value)) ? String(value) : "";
    if (text.length === 0) {
      const message = "must be a non-empty string or a finite number";
      throw new ValidationError(`idempotencyKey: "${field}" ${message}`, [{ path: field, message }]);
    }
    parts.push(text);
  }
  const caseSensitive = options.caseSensitive ?? false;
  const plainPart = caseSensitive ? /^[A-Za-z0-9-]+$/ : /^[a-z0-9-]+$/;
  const plain = parts.join("_");
  if (plain.length <= maxLength && parts.every((p) => plainPart.test(p))) return plain;

  const hash = createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, HASH_LENGTH);
  const readable = parts
    .map((p) => (caseSensitive ? p : p.toLowerCase()).replace(/[^A-Za-z0-9-]+/g, "-"))
    .join("_");
  const room = maxLength - HASH_MARK.length - HASH_LENGTH;
  const prefix = readable.slice(0, room).replace(/[_-]+$/, "");
  return `${prefix}${HASH_MARK}${hash}`;
}
