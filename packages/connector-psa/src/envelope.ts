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
      const map = envelope[key] as Record<string, KantataRecordTypes[K]> | undefined;
      return map !== undefined && Object.hasOwn(map, id) ? map[id] : undefined;
    },
  };
}

/**
 * Walks `results` of a Kantata list response **in order** and resolves each entry from the id-keyed map
 * it names. Map key order carries no meaning in Kantata responses (and a map may also hold side-loaded
 * records of the same type), so `results` is the only source of order and membership.
 *
 * Pure: no I/O. Throws {@link ValidationError} naming `results.<i>` when an entry names another type than
 * `key` or points at a record the response does not carry.
 *
 * @example
 * ```ts
 * for (const { record: entry, included } of walkEnvelope(page, "time_entries")) {
 *   const user = included.get("users", entry.user_id);
 * }
 * ```
 */
export function walkEnvelope<K extends KantataKey>(envelope: KantataEnvelope, key: K): WalkedRecord<K>[] {
  const included = includedOf(envelope);
  const walked: WalkedRecord<K>[] = [];
  const issues: ValidationIssue[] = [];
  envelope.results.forEach((ref, index) => {
    if (ref.key !== key) {
      issues.push({
        path: `results.${index}.key`,
        message: `expected "${key}", got "${ref.key}"`,
        code: "unexpected_key",
      });
      return;
    }
    const record = included.get(key, ref.id);
    if (record === undefined) {
      issues.push({
        path: `results.${index}`,
        message: `${key} ${ref.id} is listed in results but missing from the "${key}" map`,
        code: "missing_record",
      });
      return;
    }
    walked.push({ key, id: ref.id, record, included });
  });
  if (issues.length > 0) {
    throw new ValidationError(`Malformed Kantata response: ${issues.length} unresolvable result(s)`, issues, {
      system: "kantata",
    });
  }
  return walked;
}
