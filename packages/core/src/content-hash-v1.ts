import { createHash } from "node:crypto";
import type { ContentHashOptions } from "./content-hash.js";

/*
 * The first (unversioned) content-hash form: SHA-256 hex over Ledgerline's own canonical JSON. Ledgers
 * written before 0.1 hold it. Kept only so `idempotentUpsert` can recognise an unchanged record whose
 * entry still carries this form (and upgrade the entry) instead of re-posting it. Do not use for new hashes.
 */

/** The hand-written canonical JSON of the first hash form (keys sorted, `-0` as `0`, bigint as string). */
function legacyCanonicalJson(value: unknown, options: ContentHashOptions = {}): string {
  const exclude = (options.exclude ?? []).map((p) => p.split("."));
  return serialise(value, [], exclude, new Set());
}

/**
 * The first, unversioned content-hash form (64 hex digits, no prefix) for `value`: what ledgers written
 * before 0.1 hold. Only for comparing with such entries; new hashes are `contentHash`'s versioned form.
 */
export function legacyContentHash(value: unknown, options: ContentHashOptions = {}): string {
  return createHash("sha256").update(legacyCanonicalJson(value, options)).digest("hex");
}

/** True for a hash in the first, unversioned form (64 lower-case hex digits). */
export function isLegacyContentHash(hash: string): boolean {
  return /^[0-9a-f]{64}$/.test(hash);
}

function isExcluded(path: readonly string[], exclude: readonly (readonly string[])[]): boolean {
  return exclude.some((p) => p.length === path.length && p.every((seg, i) => seg === "*" || seg === path[i]));
}

function serialise(
  value: unknown,
  path: string[],
  exclude: readonly (readonly string[])[],
  seen: Set<object>,
): string {
  const where = () => (path.length === 0 ? "(root)" : path.join("."));
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`contentHash: non-finite number at ${where()}`);
      return Object.is(value, -0) ? "0" : JSON.stringify(value);
    case "bigint":
      return JSON.stringify(value.toString());
    case "undefined":
      return "null";
    case "function":
    case "symbol":
      throw new TypeError(`contentHash: cannot hash a ${typeof value} at ${where()}`);
  }
  const obj = value as object;
  if (obj instanceof Date) return JSON.stringify(obj.toISOString());
  if (typeof (obj as { toJSON?: unknown }).toJSON === "function") {
    return serialise((obj as { toJSON(): unknown }).toJSON(), path, exclude, seen);
  }
  if (seen.has(obj)) throw new TypeError(`contentHash: circular structure at ${where()}`);
  seen.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = `[${obj.map((v, i) => serialise(v, [...path, String(i)], exclude, seen)).join(",")}]`;
  } else {
    const entries: string[] = [];
    for (const key of Object.keys(obj).sort()) {
      const v = (obj as Record<string, unknown>)[key];
      const childPath = [...path, key];
      if (v === undefined || isExcluded(childPath, exclude)) continue;
      entries.push(`${JSON.stringify(key)}:${serialise(v, childPath, exclude, seen)}`);
    }
    out = `{${entries.join(",")}}`;
  }
  seen.delete(obj);
  return out;
}
