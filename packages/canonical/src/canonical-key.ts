import { createHash } from "node:crypto";
import { z } from "zod";
import type { SourceRef } from "./source.js";

/** Longest key {@link canonicalKey} produces. */
export const CANONICAL_KEY_MAX_LENGTH = 120;

/**
 * Shape of a canonical key: lowercase letters, digits, `_` and `-`, 1–120 characters. Valid as a NetSuite
 * external id (letters, digits, `_`, `-`) and as a Salesforce external-id text value, and unambiguous in
 * case-insensitive external-id fields.
 */
export const CANONICAL_KEY_PATTERN = /^[a-z0-9_-]{1,120}$/;

/** Schema of a canonical key. */
export const CanonicalKeySchema = z
  .string()
  .regex(CANONICAL_KEY_PATTERN, { error: "must be a canonical key: 1-120 of a-z, 0-9, _ and -" });

const PLAIN = /^[a-z0-9_]+$/;
const HASH_CHARS = 32;

function slug(part: string, max: number): string {
  return part
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .slice(0, max);
}

/**
 * The canonical key of a record, derived from its source system, type and id (not its version: the key
 * names the business object across versions; pair it with the version for idempotency).
 *
 * - When every part is already plain (`a-z`, `0-9`, `_`) the key is readable and reversible:
 *   `kantata-time_entries-4711` (exactly two `-`).
 * - Otherwise (upper case, punctuation, non-ASCII, or too long) it is a readable lowercase prefix plus a
 *   128-bit SHA-256 digest of the exact parts: `netsuite-timebill-982-1f0c…` (exactly three `-`).
 *
 * The two forms can never equal each other (different number of `-`), the first is injective and the
 * second collides only if SHA-256 does, so distinct sources never share a key — even in a
 * case-insensitive external-id field.
 * @throws TypeError when `system`, `type` or `id` is empty or not a string.
 */
export function canonicalKey(source: Pick<SourceRef, "system" | "type" | "id">): string {
  const { system, type, id } = source ?? ({} as Partial<SourceRef>);
  for (const [name, value] of [
    ["system", system],
    ["type", type],
    ["id", id],
  ] as const) {
    if (typeof value !== "string" || value.length === 0) {
      throw new TypeError(`canonicalKey: source.${name} must be a non-empty string`);
    }
  }
  const s = system as string;
  const t = type as string;
  const i = id as string;
  const readable = `${s}-${t}-${i}`;
  if (PLAIN.test(s) && PLAIN.test(t) && PLAIN.test(i) && readable.length <= CANONICAL_KEY_MAX_LENGTH) {
    return readable;
  }
  const digest = createHash("sha256")
    .update(JSON.stringify([s, t, i]))
    .digest("hex")
    .slice(0, HASH_CHARS);
  return `${slug(s, 16)}-${slug(t, 24)}-${slug(i, 40)}-${digest}`;
}

/** True when `value` has the shape of a canonical key. */
export function isCanonicalKey(value: unknown): value is string {
  return typeof value === "string" && CANONICAL_KEY_PATTERN.test(value);
}
