/** One entry of NetSuite's `o:errorDetails`. */
export interface NetSuiteErrorDetail {
  /** Human-readable explanation. */
  detail: string;
  /** NetSuite error code, e.g. `INVALID_CONTENT`, `CONCURRENCY_LIMIT_EXCEEDED`. */
  errorCode?: string | undefined;
  /** The request field the error is about, when NetSuite names one. */
  errorPath?: string | undefined;
}

/** What could be read from a NetSuite error body (possibly malformed). */
export interface NetSuiteErrorBody {
  title?: string | undefined;
  status?: number | undefined;
  /** Every detail found; may be empty. */
  details: NetSuiteErrorDetail[];
  /** True when the body was not valid JSON and the fields were recovered by pattern matching. */
  malformed: boolean;
}

/**
 * Reads a NetSuite error body (`{type, title, status, "o:errorDetails": [...]}`) defensively: valid JSON is
 * read field by field, anything else (Oracle's own 429 sample is not valid JSON, proxies send HTML) is
 * scanned for `o:errorCode`, `o:errorPath`, `detail` and `title` pairs. Never throws.
 */
export function parseErrorBody(bodyText: string | undefined): NetSuiteErrorBody {
  const text = bodyText ?? "";
  if (text.trim() === "") return { details: [], malformed: false };
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value))
      return fromJson(value as Record<string, unknown>);
  } catch {
    // fall through to the tolerant scan
  }
  return fromText(text);
}

function fromJson(body: Record<string, unknown>): NetSuiteErrorBody {
  const rawDetails = body["o:errorDetails"];
  const details: NetSuiteErrorDetail[] = [];
  if (Array.isArray(rawDetails)) {
    for (const raw of rawDetails) {
      if (!raw || typeof raw !== "object") continue;
      const d = raw as Record<string, unknown>;
      details.push({
        detail: typeof d.detail === "string" ? d.detail : "",
        errorCode: stringOrUndefined(d["o:errorCode"]),
        errorPath: stringOrUndefined(d["o:errorPath"]),
      });
    }
  }
  const status = typeof body.status === "number" ? body.status : Number(body.status);
  return {
    title: stringOrUndefined(body.title),
    status: Number.isFinite(status) ? status : undefined,
    details,
    malformed: false,
  };
}

function fromText(text: string): NetSuiteErrorBody {
  const codes = allMatches(text, "o:errorCode");
  const paths = allMatches(text, "o:errorPath");
  const texts = allMatches(text, "detail");
  const count = Math.max(codes.length, texts.length);
  const details: NetSuiteErrorDetail[] = [];
  for (let i = 0; i < count; i++) {
    details.push({ detail: texts[i] ?? "", errorCode: codes[i], errorPath: paths[i] });
  }
  const status = /"status"\s*:\s*"?(\d{3})/.exec(text)?.[1];
  return {
    title: allMatches(text, "title")[0],
    status: status === undefined ? undefined : Number(status),
    details,
    malformed: true,
  };
}

function allMatches(text: string, key: string): string[] {
  const pattern = new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`, "g");
  return [...text.matchAll(pattern)].map((m) => unescapeJson(m[1] ?? ""));
}

function unescapeJson(value: string): string {
  try {
    return JSON.parse(`"${value}"`) as string;
  } catch {
    return value;
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
