import type { CanonicalTypeName, Ref } from "@ledgerline/canonical";
import {
  type BatchIssue,
  type BatchOutcome,
  type BatchProgress,
  type BatchReport,
  type BatchResult,
  type HttpClient,
  HttpError,
  idempotentUpsert,
  type Ledger,
  runBatch,
  ValidationError,
} from "@ledgerline/core";
import { type BatchJobOptions, runBatchUpsert } from "../batch.js";
import { BatchQueue } from "../batch-queue.js";
import type { paths } from "../generated/netsuite.js";
import { assertCanonical, type MapContext, type NetSuiteMasterData } from "../mappers/context.js";
import type { WritableRecordType } from "../record-types.js";
import type { SuiteQL } from "../suiteql.js";
import { upsertByExternalId } from "../upsert.js";

/** What happened to one record. */
export interface NetSuiteRecordResult {
  /** Canonical key = NetSuite external id. */
  key: string;
  type: WritableRecordType;
  /**
   * `written`: upserted now; `unchanged`: the ledger holds the same content, nothing sent; `rejected`: not
   * postable (unapproved, unmappable, or NetSuite refused the content) — fix the data; `failed`: could not
   * be written (after core's retries) — safe to run again.
   */
  status: "written" | "unchanged" | "rejected" | "failed";
  /** NetSuite internal id, when written or unchanged. */
  internalId?: string;
  /** Why it was rejected or failed. */
  reason?: string;
  /** Field at fault, for rejections. */
  field?: string;
  /** Every issue of a rejection (`path`, `message`, `code` — e.g. `APPROVAL_REQUIRED`, `INVALID_RECORD`, `UNMAPPED`, `INVALID_CONTENT`). */
  issues?: readonly BatchIssue[];
  /** The error of a failure. */
  error?: unknown;
}

/** Options of the bulk operations (`postTime`, `upsertClients` …). */
export interface PostOptions {
  /**
   * `"single"`: one upsert request per record; `"batch"`: NetSuite async batch jobs of up to 100 records;
   * `"auto"`: batch when the input is an array longer than the client's `batchThreshold`.
   * @default "auto"
   */
  mode?: "auto" | "single" | "batch";
  /** Records in flight at once (single mode). Requests are also bounded by the account limit. @default the client's concurrency limit */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
  /** Every record's result as it completes. */
  onResult?: (result: NetSuiteRecordResult) => void | Promise<void>;
  /** Keep every result in `report.results`. Turn off for very large streams (use `onResult`). @default true */
  collectResults?: boolean;
}

/** Outcome of a bulk operation: counts (every input in exactly one bucket) and per-record results. */
export interface PostReport extends BatchReport {
  /** Path taken. */
  mode: "single" | "batch";
  /** Per-record results in completion order (empty when `collectResults` is false). */
  results: NetSuiteRecordResult[];
}

/** How one canonical type is written. */
export interface RecordSpec<T> {
  type: WritableRecordType;
  /**
   * The canonical type every record must be before anything reads it: a record of any other shape is
   * rejected field by field (`INVALID_RECORD`), never a `TypeError`.
   */
  shape: CanonicalTypeName;
  keyOf(record: T): string;
  versionOf(record: T): string | undefined;
  /** References that may need resolving through the ledger. */
  refsOf(record: T): Array<Ref | undefined>;
  /** Posting policy beyond what the mapper checks; throws `ValidationError` to reject. */
  check?(record: T): void;
  /** Pure mapper; throws `ValidationError` to reject. */
  map(record: T, ctx: MapContext): Record<string, unknown>;
  /** Sublists the body replaces. */
  replace?: readonly string[];
}

/** What the operations need from the client. */
export interface PostingDeps {
  http: HttpClient<paths>;
  suiteql: SuiteQL;
  ledger: Ledger | undefined;
  masterData: NetSuiteMasterData;
  concurrency: number;
  batchThreshold: number;
  batch: BatchJobOptions;
}

/**
 * Writes canonical records by external-id upsert, one request each or in async batch jobs, through the
 * ledger when there is one (`idempotentUpsert`: unchanged content is skipped, a record is recorded only
 * after NetSuite confirmed it). Built on core's `runBatch`, so every record ends written, unchanged,
 * rejected or failed.
 */
export async function postRecords<T>(
  deps: PostingDeps,
  spec: RecordSpec<T>,
  records: Iterable<T> | AsyncIterable<T>,
  options: PostOptions = {},
): Promise<PostReport> {
  const mode =
    options.mode === "single" || options.mode === "batch"
      ? options.mode
      : Array.isArray(records) && records.length > deps.batchThreshold
        ? "batch"
        : "single";
  const queue =
    mode === "batch"
      ? new BatchQueue<Record<string, unknown> & { externalId: string }, string>(async (items) => {
          const outcomes = await runBatchUpsert(deps.http, spec.type, items, {
            ...deps.batch,
            ...(spec.replace ? { replace: spec.replace } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
          });
          return outcomes.map((o) =>
            o.ok ? { ok: true, value: o.internalId } : { ok: false, error: o.error },
          );
        })
      : undefined;
  const write = (key: string, body: Record<string, unknown>): Promise<string> =>
    queue
      ? queue.enqueue({ ...body, externalId: key })
      : upsertByExternalId(deps.http, deps.suiteql, spec.type, key, body, {
          ...(spec.replace ? { replace: spec.replace } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });

  const results: NetSuiteRecordResult[] = [];
  const collect = options.collectResults ?? true;
  const report = await runBatch<T>(records, (record) => postOne(deps, spec, record, write), {
    concurrency: options.concurrency ?? (mode === "batch" ? 100 : deps.concurrency),
    keyOf: (record) => safeKey(spec, record),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(Array.isArray(records) ? { total: records.length } : {}),
    onResult: async (result: BatchResult, record: T) => {
      const out = toRecordResult(spec, record, result);
      if (collect) results.push(out);
      await options.onResult?.(out);
    },
  });
  return { ...report, mode, results };
}

/** Writes one record and returns its bucket. */
export async function postOne<T>(
  deps: PostingDeps,
  spec: RecordSpec<T>,
  record: T,
  write: (key: string, body: Record<string, unknown>) => Promise<string>,
): Promise<BatchOutcome> {
  assertCanonical(spec.shape, record);
  spec.check?.(record);
  const known = await resolveThroughLedger(deps.ledger, spec.refsOf(record));
  const ctx: MapContext = {
    ...deps.masterData,
    resolve: (ref) => ref.ids?.netsuite ?? known.get(ref.key),
  };
  const body = spec.map(record, ctx);
  const key = spec.keyOf(record);
  try {
    if (!deps.ledger) return { status: "written", targetId: await write(key, body) };
    const version = spec.versionOf(record);
    const result = await idempotentUpsert({
      ledger: deps.ledger,
      key,
      content: { type: spec.type, body },
      ...(version === undefined ? {} : { version }),
      write: () => write(key, body),
    });
    return { status: result.status, targetId: result.targetId };
  } catch (error) {
    throw asRejection(error) ?? error;
  }
}

/** NetSuite refusing the content (4xx validation) is a rejection of the record, not a failure. */
function asRejection(error: unknown): ValidationError | undefined {
  if (!(error instanceof HttpError) || error.code !== "BAD_REQUEST") return undefined;
  const issues =
    error.issues.length > 0
      ? error.issues
      : [{ path: error.path ?? "", message: error.message, code: error.vendorCode }];
  return new ValidationError(
    error.message,
    issues.map((i) => ({ ...i, code: i.code ?? error.vendorCode })),
    { cause: error },
  );
}

async function resolveThroughLedger(
  ledger: Ledger | undefined,
  refs: Array<Ref | undefined>,
): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  if (!ledger) return known;
  for (const ref of refs) {
    if (!ref || ref.ids?.netsuite || known.has(ref.key)) continue;
    const entry = await ledger.get(ref.key);
    if (entry) known.set(ref.key, entry.targetId);
  }
  return known;
}

function safeKey<T>(spec: RecordSpec<T>, record: T): string {
  try {
    const key: unknown = spec.keyOf(record);
    return typeof key === "string" && key !== "" ? key : "(unknown)";
  } catch {
    return "(unknown)";
  }
}

function toRecordResult<T>(spec: RecordSpec<T>, record: T, result: BatchResult): NetSuiteRecordResult {
  const base = { key: result.key ?? safeKey(spec, record), type: spec.type };
  switch (result.status) {
    case "written":
    case "unchanged":
      return { ...base, status: result.status, ...(result.targetId ? { internalId: result.targetId } : {}) };
    case "rejected":
      return {
        ...base,
        status: "rejected",
        reason: result.reason,
        ...(result.field === undefined ? {} : { field: result.field }),
        issues: result.issues,
      };
    default:
      return { ...base, status: "failed", reason: result.message, error: result.error };
  }
}
