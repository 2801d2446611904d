import { CanonicalValidationError } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { KantataKey } from "./kantata-types.js";
import { kantataKey } from "./mappers/source.js";

/**
 * One Kantata record read as canonical: either the canonical `value`, or — when the record cannot be
 * mapped (bad minutes, unknown currency, no client, a field of the wrong type …) — the
 * {@link ValidationError} naming every field and reason. Reads never drop a record and never stop at a
 * bad one: hand rejects to your batch's rejected bucket (`runBatch` rejects a record whose handler throws
 * `error`).
 */
export type PsaRead<T> =
  | {
      ok: true;
      /** Canonical key of the record (`kantata-time_entries-55001`). */
      key: string;
      /** The Kantata map and id it came from; `updatedAt` is `""` for records without one (users). */
      source: { type: KantataKey; id: string; updatedAt: string };
      value: T;
    }
  | {
      ok: false;
      key: string;
      source: { type: KantataKey; id: string; updatedAt: string };
      /** Why it could not be mapped: every offending field with a reason (never a value). */
      error: ValidationError;
    };

/**
 * Runs `map` on a Kantata record and wraps the outcome as a {@link PsaRead}. Total: the key, the source
 * and the mapping are all computed inside the per-record `try`, so a record of any shape — including one
 * whose `id` is not a string — becomes a rejected read, never a thrown error.
 *
 * @param id the record's id as `results` listed it (used when the record's own `id` is unusable)
 */
export function readAs<T>(type: KantataKey, record: unknown, map: () => T, id?: string): PsaRead<T> {
  const own = isObject(record) ? record : {};
  const recordId = typeof own.id === "string" && own.id !== "" ? own.id : (id ?? "");
  const updatedAt = typeof own.updated_at === "string" ? own.updated_at : "";
  const source = { type, id: recordId, updatedAt };
  let key = `kantata-${type}-unknown`;
  try {
    key = kantataKey(type, recordId === "" ? "unknown" : recordId);
    return { ok: true, key, source, value: map() };
  } catch (e) {
    return { ok: false, key, source, error: asValidationError(e, `${type} record`) };
  }
}

/**
 * Converts a mapping failure to core's {@link ValidationError}: a `ValidationError` as is, a canonical
 * validation error with its issues. Anything else — a bug, since the mappers are total — becomes a
 * `ValidationError` with code `mapping_failed` (its message is not copied, as it may echo a value; the
 * original is kept as `cause`), so one bad record never ends a read.
 */
export function asValidationError(e: unknown, what: string): ValidationError {
  // A CanonicalValidationError is a ValidationError too: re-wrap it first so the message names the record.
  if (e instanceof CanonicalValidationError) {
    return new ValidationError(
      `Kantata ${what} does not map to a canonical ${e.type}`,
      e.issues.map((i) => ({ path: i.path, message: i.reason, code: i.code })),
      { system: "kantata", cause: e },
    );
  }
  if (e instanceof ValidationError) return e;
  return new ValidationError(
    `Kantata ${what} could not be mapped`,
    [{ path: "(root)", message: "the record could not be mapped", code: "mapping_failed" }],
    { system: "kantata", cause: e },
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
