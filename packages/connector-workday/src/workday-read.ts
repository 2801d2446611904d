import { CanonicalValidationError, type IntegrationException } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import { workdayKey } from "./mappers/source.js";

/**
 * One Workday object read as canonical: the canonical `value` (with the integration `exceptions` it raises,
 * e.g. a worker without a cost center), or — when it cannot be mapped — the {@link ValidationError} naming
 * every field and reason (never a value). Reads never drop an object and never stop at a bad one.
 */
export type WorkdayRead<T> =
  | {
      ok: true;
      /** Canonical key (`workday-workers-<WID>`). */
      key: string;
      /** The collection and the WID it came from. */
      source: { type: string; id: string };
      value: T;
      /** Business problems that do not stop the record. */
      exceptions: IntegrationException[];
    }
  | {
      ok: false;
      key: string;
      source: { type: string; id: string };
      /** Why it could not be mapped. */
      error: ValidationError;
    };

/**
 * Runs `map` on a Workday object and wraps the outcome as a {@link WorkdayRead}. Total: a record of any
 * shape — one whose `id` is not a string included — becomes a rejected read, never a thrown error.
 */
export function readAs<T>(
  type: string,
  record: unknown,
  map: () => { value: T; exceptions?: IntegrationException[] },
): WorkdayRead<T> {
  const own = typeof record === "object" && record !== null ? (record as Record<string, unknown>) : {};
  const id = typeof own.id === "string" && own.id !== "" && own.id.length <= 255 ? own.id : "unknown";
  const source = { type, id };
  let key = `workday-${type}-unknown`;
  try {
    key = workdayKey(type, id);
    const { value, exceptions = [] } = map();
    return { ok: true, key, source, value, exceptions };
  } catch (e) {
    return { ok: false, key, source, error: asValidationError(e, type) };
  }
}

/**
 * A mapping failure as core's {@link ValidationError}: as is, a canonical validation error with its
 * issues, anything else (a bug: the mappers are total) as code `mapping_failed`, message not copied.
 */
export function asValidationError(e: unknown, what: string): ValidationError {
  if (e instanceof CanonicalValidationError) {
    return new ValidationError(
      `Workday ${what} record does not map to a canonical ${e.type}`,
      e.issues.map((i) => ({ path: i.path, message: i.reason, code: i.code })),
      { system: "workday", cause: e },
    );
  }
  if (e instanceof ValidationError) return e;
  return new ValidationError(
    `Workday ${what} record could not be mapped`,
    [{ path: "(root)", message: "the record could not be mapped", code: "mapping_failed" }],
    { system: "workday", cause: e },
  );
}
