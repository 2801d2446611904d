import { integerBetween, optionsObject, parseOptions, stringList } from "./options.js";

const redactorSchema = optionsObject({
  sensitiveFields: stringList.optional(),
  maxExcerptLength: integerBetween(0).optional(),
});

/**
 * Redaction of credentials and caller-configured sensitive values (rates, salaries …) before anything
 * reaches a log line, a hook, or an error message.
 */

/** The placeholder that replaces a redacted value. */
export const REDACTED = "[REDACTED]";

/** Options of {@link createRedactor}. */
export interface RedactorOptions {
  /**
   * Sensitive field paths whose values must never be logged, e.g. `["rate", "salary", "costRate",
   * "compensation.amount", "lines.*.unitPrice"]`. A plain name matches that key at any depth; a dotted
   * path matches the end of a value's path, `*` matching any one segment (array indexes included).
   * Keys compare case-insensitively.
   */
  sensitiveFields?: readonly string[] | undefined;
  /** Longest excerpt {@link Redactor.excerpt} returns, in characters. @default 500 */
  maxExcerptLength?: number | undefined;
}

/** Redacts values, text, URLs and headers. Create one with {@link createRedactor}. */
export interface Redactor {
  /** A deep copy of `value` with secret keys and sensitive fields replaced by `[REDACTED]`. */
  value<T>(value: T): T;
  /** Redacts free text or a JSON / form-encoded body; `literals` are exact strings to scrub too. */
  text(text: string, literals?: readonly string[]): string;
  /** {@link text} then truncates to `maxExcerptLength`. */
  excerpt(text: string, literals?: readonly string[]): string;
  /** The URL with userinfo and credential-like or sensitive query parameters redacted. */
  url(url: string): string;
  /** A plain object of headers with authorization, cookies, API keys and signatures redacted. */
  headers(headers: Headers | Record<string, string>): Record<string, string>;
  /** The literal values found at sensitive or secret paths of `value` (to scrub from vendor messages). */
  sensitiveValues(value: unknown): string[];
}

const SECRET_KEYS = new Set([
  "authorization",
  "proxyauthorization",
  "cookie",
  "setcookie",
  "password",
  "passwd",
  "pwd",
  "secret",
  "token",
  "assertion",
  "clientassertion",
  "signature",
  "oauthsignature",
  "sig",
  "apikey",
  "xapikey",
  "privatekey",
  "sessionid",
  "sid",
  "credentials",
  "credential",
  "jwt",
]);
const SECRET_SUFFIXES = ["secret", "token", "password", "privatekey", "apikey", "assertion", "signature"];

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** True if a field / header / query parameter named `key` holds a credential. */
export function isSecretKey(key: string): boolean {
  const k = normalizeKey(key);
  if (SECRET_KEYS.has(k)) return true;
  if (k.startsWith("oauth") && k !== "oauthversion" && k !== "oauthsignaturemethod") return true;
  return SECRET_SUFFIXES.some((s) => k.endsWith(s));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const PEM_RE = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;
const BEARER_RE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi;
const OAUTH1_RE = /\bOAuth\s+[^\n]*/g;
const JWT_RE = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

/** Creates a {@link Redactor}. */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  parseOptions(redactorSchema, options, "createRedactor");
  const maxExcerpt = options.maxExcerptLength ?? 500;
  const patterns = (options.sensitiveFields ?? []).map((p) => p.split(".").map((s) => s.toLowerCase()));
  const simpleNames = new Set(patterns.filter((p) => p.length === 1).map((p) => p[0] as string));
  const pathPatterns = patterns.filter((p) => p.length > 1);
  const sensitiveNames = [...simpleNames, ...pathPatterns.map((p) => p[p.length - 1] as string)].filter(
    (n) => n !== "*",
  );
  const keyValueRe = new RegExp(
    `(["']?)([A-Za-z0-9_:-]*(?:secret|token|password|passwd|assertion|signature|api[_-]?key|private[_-]?key|authorization|cookie${
      sensitiveNames.length > 0 ? `|${sensitiveNames.map(escapeRegExp).join("|")}` : ""
    }))\\1(\\s*[:=]\\s*)("(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^\\s&,;}\\]]+)`,
    "gi",
  );

  function isSensitivePath(path: readonly string[]): boolean {
    const last = path[path.length - 1];
    if (last === undefined) return false;
    if (isSecretKey(last)) return true;
    const lower = path.map((s) => s.toLowerCase());
    if (simpleNames.has(lower[lower.length - 1] as string)) return true;
    for (const p of pathPatterns) {
      if (p.length > lower.length) continue;
      const offset = lower.length - p.length;
      if (p.every((seg, i) => seg === "*" || seg === lower[offset + i])) return true;
    }
    return false;
  }

  function walk(value: unknown, path: string[], seen: WeakSet<object>, out?: string[]): unknown {
    if (value === null || typeof value !== "object") return value;
    if (seen.has(value)) return "[Circular]";
    seen.add(value);
    if (value instanceof Error) {
      return walk(
        { name: value.name, message: value.message, ...(value as unknown as Record<string, unknown>) },
        path,
        seen,
        out,
      );
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, String(i)], seen, out));
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = [...path, k];
      if (isSensitivePath(p)) {
        if (out) collectLiterals(v, out);
        result[k] = REDACTED;
      } else {
        result[k] = walk(v, p, seen, out);
      }
    }
    return result;
  }

  function collectLiterals(v: unknown, out: string[]): void {
    if (v === null || v === undefined) return;
    if (typeof v === "string" || typeof v === "number" || typeof v === "bigint") {
      const s = String(v);
      if (s.length >= 2) out.push(s);
      return;
    }
    if (typeof v === "object") for (const x of Object.values(v)) collectLiterals(x, out);
  }

  function scrub(text: string, literals?: readonly string[]): string {
    let t = text
      .replace(PEM_RE, REDACTED)
      .replace(JWT_RE, REDACTED)
      .replace(BEARER_RE, `$1 ${REDACTED}`)
      .replace(OAUTH1_RE, `OAuth ${REDACTED}`);
    t = t.replace(
      keyValueRe,
      (_m, q: string, key: string, sep: string) => `${q}${key}${q}${sep}"${REDACTED}"`,
    );
    if (literals) {
      const sorted = [...new Set(literals)].filter((l) => l.length >= 2).sort((a, b) => b.length - a.length);
      for (const lit of sorted) {
        t = t.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(lit)}(?![A-Za-z0-9])`, "g"), REDACTED);
      }
    }
    return t;
  }

  const redactor: Redactor = {
    value<T>(value: T): T {
      return walk(value, [], new WeakSet()) as T;
    },
    text(text: string, literals?: readonly string[]): string {
      const trimmed = text.trimStart();
      if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        try {
          const parsed: unknown = JSON.parse(text);
          return scrub(JSON.stringify(walk(parsed, [], new WeakSet())), literals);
        } catch {
          // not JSON: fall through to text scrubbing
        }
      } else if (/^[^\s=&]+=[^\s]*$/.test(trimmed)) {
        const params = new URLSearchParams(trimmed);
        for (const [k] of params) if (isSensitivePath([k])) params.set(k, REDACTED);
        return scrub(params.toString(), literals);
      }
      return scrub(text, literals);
    },
    excerpt(text: string, literals?: readonly string[]): string {
      const t = redactor.text(text, literals);
      return t.length > maxExcerpt ? `${t.slice(0, maxExcerpt)}…` : t;
    },
    url(url: string): string {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        return scrub(url);
      }
      if (u.username) u.username = "REDACTED";
      if (u.password) u.password = "REDACTED";
      for (const k of [...new Set(u.searchParams.keys())]) {
        if (isSensitivePath([k])) u.searchParams.set(k, REDACTED);
      }
      return u.toString();
    },
    headers(headers: Headers | Record<string, string>): Record<string, string> {
      const out: Record<string, string> = {};
      const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
      for (const [k, v] of entries) out[k] = isSecretKey(k) ? REDACTED : v;
      return out;
    },
    sensitiveValues(value: unknown): string[] {
      const out: string[] = [];
      walk(value, [], new WeakSet(), out);
      return out;
    },
  };
  return redactor;
}

/** Redacts `value` with the default rules (credentials only, no caller-configured fields). */
export function redact<T>(value: T): T {
  return defaultRedactor.value(value);
}

const defaultRedactor = createRedactor();
