import { CanonicalValidationError } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { KantataKey } from "./kantata-types.js";
import { kantataOrigin } from "./mappers/source.js";

/**
 * One Kantata record read as canonical: either the canonical `value`, or — when the record cannot be
 * mapped (bad minutes, unknown currency, no client …) — the {@link ValidationError} naming every field and
 * reason. Reads never drop a record and never stop at a bad one: hand rejects to your batch's rejected
 * bucket (`runBatch` rejects a record whose handler throws `error`).
 */
export type PsaRead<T> =
  | {
      ok: true;
      /** Canonical key of the record (`kantata-time_entries-55001`). */
      key: string;
      /** The Kantata map and id it came from. */
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

/** Runs `map` on a Kantata record and wraps the outcome as a {@link PsaRead}. */
export function readAs<T>(
  type: KantataKey,
  record: { id: string; updated_at: string },
  map: () => T,
): PsaRead<T> {
  const source = { type, id: record.id, updatedAt: record.updated_at };
  const { key } = kantataOrigin(type, record);
  try {
    return { ok: true, key, source, value: map() };
  } catch (e) {
    return { ok: false, key, source, error: asValidationError(e, `${type} ${record.id}`) };
  }
}

/** Converts a mapping failure to core's {@link ValidationError}; anything else is rethrown (a bug). */
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
  throw e;
}
