import { createHash } from "node:crypto";

/** Options for {@link contentHash} and {@link canonicalJson}. */
export interface ContentHashOptions {
  /**
   * Volatile fields left out of the hash, as dotted paths from the root. `*` matches any key or array
   * index at that level: `"updatedAt"`, `"source.updatedAt"`, `"lines.*.syncedAt"`.
   */
  exclude?: readonly string[];
}

/**
 * Serialises a value to canonical JSON: object keys sorted, `undefined` properties dropped (as JSON does),
 * `-0` written as `0`, `Date` as its ISO string, `bigint` as a decimal string, values with `toJSON` via it.
 * @throws TypeError on non-finite numbers, functions, symbols and circular structures (the message names
 * the path)
 */
export function canonicalJson(value: unknown, options: ContentHashOptions = {}): string {
  const exclude = (options.exclude ?? []).map((p) => p.split("."));
  return serialise(value, [], exclude, new Set());
}

/**
 * Stable hash of a value's content: SHA-256 (hex) over {@link canonicalJson}, so it does not depend on
 * key order, and volatile fields can be excluded. Same hash = same content = nothing to post.
 * @example
 * contentHash({ b: 1, a: 2 }) === contentHash({ a: 2, b: 1 }); // true
 * contentHash(record, { exclude: ["source.updatedAt"] });
 */
export function contentHash(value: unknown, options: ContentHashOptions = {}): string {
  return createHash("sha256").update(canonicalJson(value, options)).digest("hex");
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
