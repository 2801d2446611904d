import { createHttpError, type HttpClient, type HttpError, sleep } from "@ledgerline/core";
import { BatchJobError, parseNetSuiteError } from "./errors.js";
import type { paths } from "./generated/netsuite.js";
import { internalIdFromUrl, SUITEQL_TABLE, type WritableRecordType } from "./record-types.js";
import { createSuiteQL, type SuiteQL } from "./suiteql.js";
import { PROPERTY_NAME_VALIDATION } from "./upsert.js";

/** Most records NetSuite accepts in one batch request. */
export const MAX_BATCH_SIZE = 100;

/** Content type of a batch body. */
export const COLLECTION_CONTENT_TYPE = "application/vnd.oracle.resource+json; type=collection";

/** Options of {@link runBatchUpsert}. */
export interface BatchJobOptions {
  /**
   * Delay before the first job poll. Later polls wait longer (×2 while NetSuite reports the job `pending`,
   * ×1.5 while it is `processing`) up to `maxPollIntervalMs`, so a quick job is seen quickly and a slow
   * one is not polled at the account's expense (a 5 s job takes about 9 polls). @default 20
   */
  pollIntervalMs?: number;
  /** Longest delay between two polls of one job. @default 2000 */
  maxPollIntervalMs?: number;
  /**
   * How each record's outcome is read once the job completed. `"task-results"`: every task's result, one
   * request per record, fetched concurrently through the client's limiter. `"suiteql"`: one SuiteQL query
   * by external id before the job and one after — a record that did not exist before and exists after was
   * created by this job (1 request for the whole batch instead of 100); only the others (updates, and
   * records still missing) read their task's result. A job's `progress` is not trusted for this: NetSuite
   * reports a job `succeeded` when some of its tasks failed. @default "suiteql"
   */
  resolveIds?: "suiteql" | "task-results";
  /** Give up polling after this long (the job keeps running in NetSuite). @default 900000 (15 min) */
  maxWaitMs?: number;
  /** Sublists replaced by the items' lines. */
  replace?: readonly string[];
  signal?: AbortSignal;
}

/** Requests one batch job took (submission, polls, task list, results or the SuiteQL lookup). */
export interface BatchJobStats {
  requests: number;
  polls: number;
}

/** Outcome of one item of a batch: the internal id, or the error NetSuite reported for it. */
export type BatchItemOutcome = { ok: true; internalId: string } | { ok: false; error: HttpError };

/**
 * Upserts up to 100 records by external id in one asynchronous job: `PUT /record/v1/{type}` with a
 * collection body and `Prefer: respond-async`, then polls `async/v1/job/{id}` until it completes and reads
 * each task's result (`…/task/{n}/result`). The submission is an upsert, so it is marked idempotent: if
 * core resends it after an ambiguous failure, the second job updates the same records. Returns one outcome
 * per item, in item order.
 * @throws BatchJobError when the job cannot be followed to its end (or a result is missing)
 */
export async function runBatchUpsert(
  http: HttpClient<paths>,
  type: WritableRecordType,
  items: ReadonlyArray<Record<string, unknown> & { externalId: string }>,
  options: BatchJobOptions = {},
): Promise<BatchItemOutcome[]> {
  return (await runBatchJob(http, type, items, options)).outcomes;
}

/**
 * {@link runBatchUpsert} that also reports what the job cost in requests (the posting operations use it to
 * choose between single and batch mode).
 * @throws BatchJobError when the job cannot be followed to its end (or a result is missing)
 */
export async function runBatchJob(
  http: HttpClient<paths>,
  type: WritableRecordType,
  items: ReadonlyArray<Record<string, unknown> & { externalId: string }>,
  options: BatchJobOptions & { suiteql?: SuiteQL } = {},
): Promise<{ outcomes: BatchItemOutcome[]; stats: BatchJobStats }> {
  const stats: BatchJobStats = { requests: 0, polls: 0 };
  if (items.length === 0) return { outcomes: [], stats };
  if (items.length > MAX_BATCH_SIZE) {
    throw new RangeError(`a NetSuite batch holds at most ${MAX_BATCH_SIZE} records, got ${items.length}`);
  }
  const signal = options.signal ? { signal: options.signal } : {};
  const bySuiteQL = (options.resolveIds ?? "suiteql") === "suiteql";
  const suiteql = options.suiteql ?? createSuiteQL(http);
  let existedBefore: Map<string, string> | undefined;
  if (bySuiteQL) {
    stats.requests++;
    existedBefore = await idsByExternalId(suiteql, type, items);
  }
  const put = http.PUT as unknown as (
    path: string,
    init: Record<string, unknown>,
  ) => Promise<{ response: Response }>;
  stats.requests++;
  const { response } = await put(`/record/v1/${type}`, {
    params: {
      header: {
        Prefer: 'respond-async, batch-processing="parallel"',
        "X-NetSuite-PropertyNameValidation": PROPERTY_NAME_VALIDATION,
      },
      ...(options.replace?.length ? { query: { replace: options.replace.join(",") } } : {}),
    },
    headers: { "Content-Type": COLLECTION_CONTENT_TYPE },
    body: { items },
    idempotent: true,
    ...signal,
  });
  const location = response.headers.get("location") ?? "";
  const jobId = /\/async\/v1\/job\/([^/?#]+)/.exec(location)?.[1];
  if (!jobId) throw new BatchJobError("", `NetSuite accepted a ${type} batch without a job Location`);

  await waitForJob(http, jobId, options, stats);

  const outcomes: (BatchItemOutcome | undefined)[] = new Array(items.length);
  if (existedBefore && existedBefore.size < items.length) {
    // Created by this job: absent before it, present after it.
    stats.requests++;
    const ids = await idsByExternalId(suiteql, type, items);
    const seen = new Map<string, number>();
    for (const item of items) seen.set(item.externalId, (seen.get(item.externalId) ?? 0) + 1);
    items.forEach((item, i) => {
      const id = ids.get(item.externalId);
      // An external id sent twice in one batch may have one failed task: those read their results.
      if (id !== undefined && !existedBefore.has(item.externalId) && seen.get(item.externalId) === 1)
        outcomes[i] = { ok: true, internalId: id };
    });
  }
  const unresolved = outcomes.length - outcomes.filter(Boolean).length;
  if (unresolved > 0) {
    stats.requests++;
    const { data: taskList } = await http.GET("/async/v1/job/{jobId}/task", {
      params: { path: { jobId } },
      ...signal,
    });
    // Read defensively: a task entry of another shape falls back to its position, never a TypeError.
    const taskIds = (Array.isArray(taskList?.items) ? (taskList.items as unknown[]) : []).map((t, i) => {
      const task = (t && typeof t === "object" ? t : {}) as { id?: unknown; links?: unknown };
      const first = Array.isArray(task.links) ? (task.links[0] as { href?: unknown } | undefined) : undefined;
      return typeof task.id === "string"
        ? task.id
        : (lastSegment(typeof first?.href === "string" ? first.href : undefined) ?? String(i + 1));
    });
    const byExternalId = new Map(items.map((item, i) => [item.externalId, i]));
    // Every result at once: the client's limiter runs them in the account's slots.
    await Promise.all(
      taskIds.map(async (taskId, position) => {
        if (position < items.length && outcomes[position]) return;
        stats.requests++;
        const { data: result } = await http.GET("/async/v1/job/{jobId}/task/{taskId}/result", {
          params: { path: { jobId, taskId } },
          ...signal,
        });
        const body = (
          result && typeof result === "object" && !Array.isArray(result) ? result : {}
        ) as TaskResult;
        const index =
          (typeof body.externalId === "string" ? byExternalId.get(body.externalId) : undefined) ?? position;
        if (index >= items.length) return;
        outcomes[index] = toOutcome(body, type, jobId, taskId);
      }),
    );
  }
  return {
    stats,
    outcomes: outcomes.map((outcome, i) => {
      if (outcome) return outcome;
      throw new BatchJobError(
        jobId,
        `NetSuite job ${jobId} returned no result for ${type} ${items[i]?.externalId}`,
        { retryable: true },
      );
    }),
  };
}

/** Internal ids of the batch's records, by external id, in one SuiteQL query (bound parameters only). */
async function idsByExternalId(
  suiteql: SuiteQL,
  type: WritableRecordType,
  items: ReadonlyArray<{ externalId: string }>,
): Promise<Map<string, string>> {
  const placeholders = items.map(() => "?").join(", ");
  const rows = await suiteql.all<{ id: string; externalid: string }>(
    {
      // The table name is a constant of this module; the external ids are bound values.
      q: `SELECT id, externalid FROM ${SUITEQL_TABLE[type]} WHERE externalid IN (${placeholders})`,
      params: items.map((i) => i.externalId),
    },
    { pageSize: MAX_BATCH_SIZE },
  );
  const ids = new Map<string, string>();
  for (const row of rows) {
    const r = (row && typeof row === "object" ? row : {}) as { id?: unknown; externalid?: unknown };
    if ((typeof r.id === "string" || typeof r.id === "number") && typeof r.externalid === "string") {
      ids.set(r.externalid, String(r.id));
    }
  }
  return ids;
}

/** Job states after which NetSuite does no more work on it. */
const FINAL = new Set(["succeeded", "failed", "cancelled"]);

/** Polls until the job completes; returns its final `progress`. */
async function waitForJob(
  http: HttpClient<paths>,
  jobId: string,
  options: BatchJobOptions,
  stats: BatchJobStats,
): Promise<string> {
  let interval = options.pollIntervalMs ?? 20;
  const maxInterval = Math.max(interval, options.maxPollIntervalMs ?? 2000);
  const deadline = Date.now() + (options.maxWaitMs ?? 900_000);
  for (;;) {
    stats.requests++;
    stats.polls++;
    const { data: job } = await http.GET("/async/v1/job/{jobId}", {
      params: { path: { jobId } },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const progress = typeof job?.progress === "string" ? job.progress : "unknown";
    if (job?.completed || FINAL.has(progress)) return progress;
    if (Date.now() >= deadline) {
      throw new BatchJobError(jobId, `NetSuite job ${jobId} did not complete in time; it may still finish`, {
        retryable: true,
      });
    }
    await sleep(interval, options.signal);
    // Queued (`pending`): back off faster than while it runs (`processing`), which ends soon.
    interval = Math.min(maxInterval, Math.max(1, interval) * (progress === "processing" ? 1.5 : 2));
  }
}

type TaskResult = NonNullable<
  paths["/async/v1/job/{jobId}/task/{taskId}/result"]["get"]["responses"][200]["content"]["application/json"]
>;

function toOutcome(result: TaskResult, type: string, jobId: string, taskId: string): BatchItemOutcome {
  const details = result["o:errorDetails"];
  if (Array.isArray(details) && details.length > 0) {
    const status = typeof result.status === "number" ? result.status : 400;
    const text = JSON.stringify(result);
    const parsed =
      parseNetSuiteError(new Response(null, { status: status < 200 ? 400 : status }), text) ?? {};
    const url = `/async/v1/job/${jobId}/task/${taskId}/result`;
    return {
      ok: false,
      error: createHttpError(
        `netsuite ${type} batch task ${taskId} failed${parsed.vendorCode ? ` ${parsed.vendorCode}` : ""}: ${parsed.message ?? "no detail"}`,
        {
          status,
          method: "PUT",
          url,
          vendorCode: parsed.vendorCode,
          path: parsed.path,
          issues: parsed.issues,
          retryable: parsed.retryable ?? status >= 500,
          system: "netsuite",
        },
        parsed.kind,
      ),
    };
  }
  const links: unknown[] = Array.isArray(result.links) ? result.links : [];
  const selfLink = links.find(
    (l): l is { rel: string; href: string } =>
      !!l && typeof l === "object" && (l as { rel?: unknown }).rel === "self",
  );
  const self = typeof selfLink?.href === "string" ? selfLink.href : undefined;
  const internalId = internalIdFromUrl(self) ?? (typeof result.id === "string" ? result.id : undefined);
  if (!internalId) {
    return {
      ok: false,
      error: createHttpError(
        `netsuite ${type} batch task ${taskId} returned no record`,
        {
          status: 500,
          method: "PUT",
          url: `/async/v1/job/${jobId}/task/${taskId}/result`,
          retryable: true,
          system: "netsuite",
        },
        undefined,
      ),
    };
  }
  return { ok: true, internalId };
}

function lastSegment(href: string | undefined): string | undefined {
  return href?.split("/").filter(Boolean).at(-1);
}
