import { ValidationError, type ValidationIssue } from "@ledgerline/core";
import type { KantataEnvelope, KantataKey, KantataRecordTypes } from "./kantata-types.js";

/** Looks up records a response carries besides the requested ones (side-loaded through `include=`). */
export interface Included {
  /**
   * The record `id` of map `key` (e.g. `get("users", entry.user_id)`), or `undefined` when the response
   * does not carry it (not included, or `id` is null).
   */
  get<K extends KantataKey>(key: K, id: string | null | undefined): KantataRecordTypes[K] | undefined;
}

/** One requested record of a Kantata response, resolved from its map, with access to its includes. */
export interface WalkedRecord<K extends KantataKey> {
  /** The map the record came from, e.g. `"time_entries"`. */
  key: K;
  /** The record id. */
  id: string;
  /** The record itself. */
  record: KantataRecordTypes[K];
  /** The records side-loaded with this response. */
  included: Included;
}

/** Creates an {@link Included} view over the id-keyed maps of `envelope`. */
export function includedOf(envelope: KantataEnvelope): Included {
  return {
    get<K extends KantataKey>(key: K, id: string | null | undefined) {
      if (id === null || id === undefined) return undefined;
      const map = (envelope as unknown as Record<string, unknown>)[key];
      if (typeof map !== "object" || map === null || !Object.hasOwn(map, id)) return undefined;
      const record = (map as Record<string, KantataRecordTypes[K] | null>)[id];
      return record === null ? undefined : record;
    },
  };
}

/**
 * Walks `results` of a Kantata response (list, show or update — they share the envelope) **in order** and
 * resolves each entry from the id-keyed map it names. Map key order carries no meaning in Kantata
 * responses (and a map may also hold side-loaded records of the same type), so `results` is the only
 * source of order and membership. `count` and `meta` are not needed (Kantata does not always send them).
 *
 * Pure: no I/O. Throws {@link ValidationError} (never a `TypeError`) naming what is missing or malformed:
 * `(root)` when the body is not an object, `results` when it is not an array, `results.<i>` when an entry is
 * not `{ key, id }`, names another type than `key`, or points at a record the response does not carry, and
 * `<key>` when the map is not an object.
 *
 * @example
 * ```ts
 * for (const { record: entry, included } of walkEnvelope(page, "time_entries")) {
 *   const user = included.get("users", entry.user_id);
 * }
 * ```
 */
export function walkEnvelope<K extends KantataKey>(envelope: KantataEnvelope, key: K): WalkedRecord<K>[] {
  const body: unknown = envelope;
  if (!isObject(body)) {
    throw malformed([
      { path: "(root)", message: "the response body is not an object", code: "not_an_envelope" },
    ]);
  }
  const results = body.results;
  if (!Array.isArray(results)) {
    throw malformed([
      {
        path: "results",
        message: results === undefined ? "is missing" : "must be an array",
        code: results === undefined ? "missing_results" : "invalid_results",
      },
    ]);
  }
  const map = body[key];
  if (map !== undefined && !isObject(map)) {
    throw malformed([{ path: key, message: "must be an object keyed by id", code: "invalid_map" }]);
  }
  const included = includedOf(envelope);
  const walked: WalkedRecord<K>[] = [];
  const issues: ValidationIssue[] = [];
  results.forEach((ref: unknown, index) => {
    if (!isObject(ref) || typeof ref.key !== "string" || typeof ref.id !== "string" || ref.id === "") {
      issues.push({
        path: `results.${index}`,
        message: "must be { key, id } with string key and id",
        code: "invalid_result",
      });
      return;
    }
    if (ref.key !== key) {
      issues.push({
        path: `results.${index}.key`,
        message: `expected "${key}", got another type`,
        code: "unexpected_key",
      });
      return;
    }
    // The record as sent, whatever its shape: a malformed record is the mapper's per-record rejection,
    // not the end of the page.
    if (!Object.hasOwn(map ?? {}, ref.id)) {
      issues.push({
        path: `results.${index}`,
        message: `listed in results but missing from the "${key}" map`,
        code: "missing_record",
      });
      return;
    }
    const record = (map as Record<string, KantataRecordTypes[K]>)[ref.id] as KantataRecordTypes[K];
    walked.push({ key, id: ref.id, record, included });
  });
  if (issues.length > 0) {
    throw malformed(issues, `${issues.length} unresolvable result(s)`);
  }
  return walked;
}

function malformed(issues: ValidationIssue[], what = issues.map((i) => i.path).join(", ")): ValidationError {
  return new ValidationError(`Malformed Kantata response: ${what}`, issues, { system: "kantata" });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
