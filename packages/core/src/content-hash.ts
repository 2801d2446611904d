import { createHash } from "node:crypto";
import { canonicalize } from "json-canonicalize";

/** Options for {@link contentHash} and {@link canonicalJson}. */
export interface ContentHashOptions {
  /**
   * Volatile fields left out of the hash, as dotted paths from the root. `*` matches any key or array
   * index at that level: `"updatedAt"`, `"source.updatedAt"`, `"lines.*.syncedAt"`.
   */
  exclude?: readonly string[];
}

/** Version of the hash form {@link contentHash} produces: `v2:` + SHA-256 hex over RFC 8785 JSON. */
export const CONTENT_HASH_VERSION = 2;

const PREFIX = `v${CONTENT_HASH_VERSION}:`;

/**
 * Serialises a value to RFC 8785 (JSON Canonicalization Scheme) text, by the `json-canonicalize` library:
 * object keys sorted by UTF-16 code units, numbers in ECMAScript form (`-0` as `0`), strings escaped as
 * JSON does. Before that, the value is reduced to plain JSON data: `exclude`d paths and `undefined`
 * properties dropped, `undefined` array items as `null`, `Date` (and anything with `toJSON`) via `toJSON`,
 * `bigint` as a decimal string.
 * @example
 * canonicalJson({ b: 1, a: [2, "x"] }); // '{"a":[2,"x"],"b":1}'
 * @throws TypeError on non-finite numbers, functions, symbols and circular structures
 * (the message names the path, never the value)
 */
export function canonicalJson(value: unknown, options: ContentHashOptions = {}): string {
  const exclude = (options.exclude ?? []).map((p) => p.split("."));
  const plain = toJsonData(value, [], exclude, new Set());
  return canonicalize(plain === undefined ? null : plain);
}

/**
 * Stable, versioned hash of a value's content: `v2:` + SHA-256 (hex) over its RFC 8785 canonical JSON
 * ({@link canonicalJson}), so it does not depend on key order, it is reproducible by any JCS
 * implementation, and volatile fields can be excluded. Same hash = same content = nothing to post.
 *
 * The hash is stored in ledgers, so its form is versioned: entries written before 0.1 hold the unversioned
 * form (64 hex digits), which `idempotentUpsert` still recognises when given the record's `content`.
 * @example
 * contentHash({ b: 1, a: 2 }) === contentHash({ a: 2, b: 1 }); // true
 * contentHash(record, { exclude: ["source.updatedAt"] }); // "v2:3f0c…"
 */
export function contentHash(value: unknown, options: ContentHashOptions = {}): string {
  return PREFIX + createHash("sha256").update(canonicalJson(value, options)).digest("hex");
}

/** The form version of a stored hash: `2` for `v2:…`, `1` for the unversioned form, else `undefined`. */
export function contentHashVersion(hash: string): number | undefined {
  const m = /^v(\d+):/.exec(hash);
  if (m) return Number(m[1]);
  return /^[0-9a-f]{64}$/.test(hash) ? 1 : undefined;
}

function isExcluded(path: readonly string[], exclude: readonly (readonly string[])[]): boolean {
  return exclude.some((p) => p.length === path.length && p.every((seg, i) => seg === "*" || seg === path[i]));
}

/** Reduces a value to JSON data (what `JSON.stringify` would keep), checking what JCS cannot represent. */
function toJsonData(
  value: unknown,
  path: string[],
  exclude: readonly (readonly string[])[],
  seen: Set<object>,
): unknown {
  const where = () => (path.length === 0 ? "(root)" : path.join("."));
  if (value === null) return null;
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`contentHash: non-finite number at ${where()}`);
      return Object.is(value, -0) ? 0 : value;
    case "bigint":
      return value.toString();
    case "undefined":
      return undefined;
    case "function":
    case "symbol":
      throw new TypeError(`contentHash: cannot hash a ${typeof value} at ${where()}`);
  }
  const obj = value as object;
  if (typeof (obj as { toJSON?: unknown }).toJSON === "function") {
    return toJsonData((obj as { toJSON(): unknown }).toJSON(), path, exclude, seen);
  }
  if (seen.has(obj)) throw new TypeError(`contentHash: circular structure at ${where()}`);
  seen.add(obj);
  let out: unknown;
  if (Array.isArray(obj)) {
    out = obj.map((v, i) => toJsonData(v, [...path, String(i)], exclude, seen) ?? null);
  } else {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) {
      const childPath = [...path, key];
      if (isExcluded(childPath, exclude)) continue;
      const v = toJsonData((obj as Record<string, unknown>)[key], childPath, exclude, seen);
      if (v !== undefined) copy[key] = v;
    }
    out = copy;
  }
  seen.delete(obj);
  return out;
}
