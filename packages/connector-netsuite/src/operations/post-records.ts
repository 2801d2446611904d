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
import { type BatchJobOptions, MAX_BATCH_SIZE, runBatchJob } from "../batch.js";
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
   * `"single"`: one upsert request per record; `"batch"`: NetSuite async batch jobs of up to 100 records,
   * as many in flight as the account's current concurrency limit; `"auto"`: by volume, then by measured
   * cost — an array of at most `batchThreshold` records (and the first `batchThreshold` records of a
   * stream) go one by one; beyond that, records go to batch jobs while a job costs fewer requests per
   * record than a single upsert (1), measured on the jobs run so far (polls, task results or the SuiteQL
   * id lookup included), and one by one otherwise, sending a chunk to batch now and then to measure again.
   * Requests are what the account's concurrency limit rations, so fewer requests per record is more
   * records per second.
   * @default "auto"
   */
  mode?: "auto" | "single" | "batch";
  /**
   * Records in flight at once. Requests are also bounded by the account limit.
   * @default the client's concurrency limit (single mode); that many jobs of 100 records (batch and auto)
   */
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
  /** Path taken (in `"auto"` mode, the one that carried most records; see `modes`). */
  mode: "single" | "batch";
  /** Records sent one by one and through batch jobs. */
  modes: { single: number; batch: number };
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
  const known = Array.isArray(records) ? records.length : undefined;
  const forced = options.mode === "single" || options.mode === "batch" ? options.mode : undefined;
  const chooser =
    forced === undefined && (known === undefined || known > deps.batchThreshold)
      ? new ModeChooser(known === undefined ? deps.batchThreshold : 0)
      : undefined;
  const usesBatch = forced === "batch" || chooser !== undefined;
  const modes = { single: 0, batch: 0 };
  const queue = usesBatch
    ? new BatchQueue<Record<string, unknown> & { externalId: string }, string>(
        async (items) => {
          const { outcomes, stats } = await runBatchJob(deps.http, spec.type, items, {
            ...deps.batch,
            suiteql: deps.suiteql,
            ...(spec.replace ? { replace: spec.replace } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
          });
          chooser?.recordBatch(items.length, stats.requests);
          return outcomes.map((o) =>
            o.ok ? { ok: true, value: o.internalId } : { ok: false, error: o.error },
          );
        },
        MAX_BATCH_SIZE,
        10,
        // Jobs in flight: as many as the account's current limit (the limiter learns it).
        () => deps.http.limiter.concurrency,
      )
    : undefined;
  const single = (key: string, body: Record<string, unknown>) =>
    upsertByExternalId(deps.http, deps.suiteql, spec.type, key, body, {
      ...(spec.replace ? { replace: spec.replace } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  const write = (key: string, body: Record<string, unknown>): Promise<string> => {
    const how = forced ?? chooser?.pick() ?? "single";
    modes[how]++;
    return how === "batch" && queue ? queue.enqueue({ ...body, externalId: key }) : single(key, body);
  };

  const results: NetSuiteRecordResult[] = [];
  const collect = options.collectResults ?? true;
  const report = await runBatch<T>(records, (record) => postOne(deps, spec, record, write), {
    concurrency: options.concurrency ?? (usesBatch ? deps.concurrency * MAX_BATCH_SIZE : deps.concurrency),
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
  const mode = forced ?? (modes.batch > modes.single ? "batch" : "single");
  return { ...report, mode, modes, results };
}

/**
 * Chooses single or batch per record in `"auto"` mode: single for the first `singleFirst` records (a stream
 * has not shown its volume yet), then batch while the jobs measured so far cost fewer requests per record
 * than a single upsert, single otherwise — with a full chunk sent to batch every 20 chunks' worth of
 * records to measure again.
 */
class ModeChooser {
  #seen = 0;
  #batchRecords = 0;
  #batchRequests = 0;
  #probeLeft = 0;

  constructor(private readonly singleFirst: number) {}

  recordBatch(records: number, requests: number): void {
    this.#batchRecords += records;
    this.#batchRequests += requests;
  }

  pick(): "single" | "batch" {
    this.#seen++;
    if (this.#seen <= this.singleFirst) return "single";
    // Nothing measured yet: batch (the first jobs are the measurement).
    if (this.#batchRecords === 0) return "batch";
    if (this.#batchRequests / this.#batchRecords < 1) return "batch";
    if (this.#probeLeft > 0) {
      this.#probeLeft--;
      return "batch";
    }
    if (this.#seen % (20 * MAX_BATCH_SIZE) === 0) {
      // Forget old measurements so a job that once failed (and read every task) does not decide forever.
      this.#batchRecords = 0;
      this.#batchRequests = 0;
      this.#probeLeft = MAX_BATCH_SIZE - 1;
      return "batch";
    }
    return "single";
  }
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
