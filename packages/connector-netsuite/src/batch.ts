import { createHttpError, type HttpClient, type HttpError, sleep } from "@ledgerline/core";
import { BatchJobError, parseNetSuiteError } from "./errors.js";
import type { paths } from "./generated/netsuite.js";
import { internalIdFromUrl, type WritableRecordType } from "./record-types.js";
import { PROPERTY_NAME_VALIDATION } from "./upsert.js";

/** Most records NetSuite accepts in one batch request. */
export const MAX_BATCH_SIZE = 100;

/** Content type of a batch body. */
export const COLLECTION_CONTENT_TYPE = "application/vnd.oracle.resource+json; type=collection";

/** Options of {@link runBatchUpsert}. */
export interface BatchJobOptions {
  /** Delay between job polls. @default 1000 */
  pollIntervalMs?: number;
  /** Give up polling after this long (the job keeps running in NetSuite). @default 900000 (15 min) */
  maxWaitMs?: number;
  /** Sublists replaced by the items' lines. */
  replace?: readonly string[];
  signal?: AbortSignal;
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
  if (items.length === 0) return [];
  if (items.length > MAX_BATCH_SIZE) {
    throw new RangeError(`a NetSuite batch holds at most ${MAX_BATCH_SIZE} records, got ${items.length}`);
  }
  const put = http.PUT as unknown as (
    path: string,
    init: Record<string, unknown>,
  ) => Promise<{ response: Response }>;
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
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const location = response.headers.get("location") ?? "";
  const jobId = /\/async\/v1\/job\/([^/?#]+)/.exec(location)?.[1];
  if (!jobId) throw new BatchJobError("", `NetSuite accepted a ${type} batch without a job Location`);

  await waitForJob(http, jobId, options);

  const { data: taskList } = await http.GET("/async/v1/job/{jobId}/task", { params: { path: { jobId } } });
  // Read defensively: a task entry of another shape falls back to its position, never a TypeError.
  const taskIds = (Array.isArray(taskList?.items) ? (taskList.items as unknown[]) : []).map((t, i) => {
    const task = (t && typeof t === "object" ? t : {}) as { id?: unknown; links?: unknown };
    const first = Array.isArray(task.links) ? (task.links[0] as { href?: unknown } | undefined) : undefined;
    return typeof task.id === "string"
      ? task.id
      : (lastSegment(typeof first?.href === "string" ? first.href : undefined) ?? String(i + 1));
  });
  const outcomes: (BatchItemOutcome | undefined)[] = new Array(items.length);
  const byExternalId = new Map(items.map((item, i) => [item.externalId, i]));
  for (const [position, taskId] of taskIds.entries()) {
    const { data: result } = await http.GET("/async/v1/job/{jobId}/task/{taskId}/result", {
      params: { path: { jobId, taskId } },
    });
    const body = (result && typeof result === "object" && !Array.isArray(result) ? result : {}) as TaskResult;
    const index =
      (typeof body.externalId === "string" ? byExternalId.get(body.externalId) : undefined) ?? position;
    if (index >= items.length) continue;
    outcomes[index] = toOutcome(body, type, jobId, taskId);
  }
  return outcomes.map((outcome, i) => {
    if (outcome) return outcome;
    throw new BatchJobError(
      jobId,
      `NetSuite job ${jobId} returned no result for ${type} ${items[i]?.externalId}`,
      {
        retryable: true,
      },
    );
  });
}

async function waitForJob(http: HttpClient<paths>, jobId: string, options: BatchJobOptions): Promise<void> {
  const interval = options.pollIntervalMs ?? 1000;
  const deadline = Date.now() + (options.maxWaitMs ?? 900_000);
  for (;;) {
    const { data: job } = await http.GET("/async/v1/job/{jobId}", {
      params: { path: { jobId } },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (job?.completed) return;
    if (Date.now() >= deadline) {
      throw new BatchJobError(jobId, `NetSuite job ${jobId} did not complete in time; it may still finish`, {
        retryable: true,
      });
    }
    await sleep(interval, options.signal);
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
