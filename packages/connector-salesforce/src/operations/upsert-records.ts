import { contentHash, type HttpClient, type Ledger, LedgerlineError, sleep } from "@ledgerline/core";
import { parse as parseCsv } from "csv-parse/sync";
import { stringify as stringifyCsv } from "csv-stringify/sync";
import { SALESFORCE_ERROR_CODES, SalesforceBudgetError } from "../errors.js";
import type { paths } from "../generated/salesforce.js";

/** Records per sObject Collections call (Salesforce's maximum). */
export const COLLECTION_SIZE = 200;

/** Outcome of one input record of {@link upsertRecords}, at the same index as the input. */
export type UpsertRecordResult =
  | { index: number; externalId: string; status: "created" | "updated"; id: string }
  | { index: number; externalId: string; status: "unchanged"; id: string }
  | {
      index: number;
      externalId: string;
      /** `rejected`: Salesforce or the connector refused the record (do not resend as is). `failed`: not written, may succeed later. */
      status: "rejected" | "failed";
      /** Salesforce `statusCode` / error code, or the connector's code. */
      code: string;
      /** Fields blamed (names only, never values). */
      fields: string[];
      /** Why, never the value. */
      reason: string;
    };

/** Everything a run did: one result per input record, in input order. */
export interface UpsertReport {
  results: UpsertRecordResult[];
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  failed: number;
  /** API calls sent (single upserts, Collections, or Bulk job calls including polls). */
  calls: number;
  /** The transport used for the records that were sent. */
  transport: "none" | "single" | "collections" | "bulk";
  /** Set when the run stopped early (daily API budget): every unsent record is `failed` with its code. */
  stoppedBy?: LedgerlineError | undefined;
}

/** Bulk API 2.0 settings of {@link upsertRecords}. */
export interface BulkOptions {
  /** Records to send (after the ledger) above which a Bulk API 2.0 job is used. @default 2000 */
  threshold?: number | undefined;
  /** Delay between polls of the job's state. @default 2000 */
  pollIntervalMs?: number | undefined;
  /** Give up waiting for the job after this long (its records are then reported `failed`). @default 600000 */
  timeoutMs?: number | undefined;
}

/** Options of {@link upsertRecords}. */
export interface UpsertOptions {
  /** Force a transport instead of choosing by count. */
  transport?: "auto" | "collections" | "bulk" | undefined;
  /** Rounds of resending records refused with `UNABLE_TO_LOCK_ROW` in a Collections answer. @default 3 */
  lockRetries?: number | undefined;
}

/** What the operation needs from the client. */
export interface UpsertDeps {
  http: HttpClient<paths>;
  apiVersion: string;
  ledger?: Ledger | undefined;
  bulk?: BulkOptions | undefined;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

interface Pending {
  index: number;
  externalId: string;
  fields: Record<string, unknown>;
  hash: string;
}

function ledgerKey(object: string, extIdField: string, externalId: string): string {
  return `salesforce:${object}:${extIdField}:${externalId}`;
}

/**
 * Upserts records of one object by an external-id field and reports one result per input record: a
 * single `PATCH /sobjects/{object}/{field}/{value}` for one record, sObject Collections upserts
 * (`allOrNone: false`, ≤ 200 each) for more. With a ledger, records whose content was already written
 * are `unchanged` and not sent. A record without its external id, or with `attributes`, is rejected
 * before sending. When the daily API budget runs out (the guard, or 403 `REQUEST_LIMIT_EXCEEDED`), the
 * run stops: every record not written is reported `failed` and `stoppedBy` holds the typed error.
 */
export async function upsertRecords(
  deps: UpsertDeps,
  object: string,
  extIdField: string,
  records: readonly Record<string, unknown>[],
  options: UpsertOptions = {},
): Promise<UpsertReport> {
  if (!NAME.test(object)) throw new TypeError("upsertRecords: object must be an API name such as Account");
  if (!NAME.test(extIdField)) {
    throw new TypeError("upsertRecords: extIdField must be a field API name such as Ledgerline_Key__c");
  }
  if (!Array.isArray(records)) throw new TypeError("upsertRecords: records must be an array");
  const results: (UpsertRecordResult | undefined)[] = new Array(records.length);
  const report: UpsertReport = {
    results: [],
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    failed: 0,
    calls: 0,
    transport: "none",
  };
  const reject = (index: number, externalId: string, code: string, fields: string[], reason: string) => {
    results[index] = { index, externalId, status: "rejected", code, fields, reason };
  };

  const toSend: Pending[] = [];
  for (const [index, record] of records.entries()) {
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      reject(index, "", "INVALID_RECORD", [], "must be an object of field values");
      continue;
    }
    const value = record[extIdField];
    if (typeof value !== "string" || value.trim() === "") {
      reject(index, "", "EXTERNAL_ID_MISSING", [extIdField], "must be a non-empty string (the external id)");
      continue;
    }
    const badField = Object.keys(record).find((k) => k !== extIdField && !NAME.test(k));
    if (badField !== undefined) {
      reject(index, value, "INVALID_FIELD", [], "a field name is not a Salesforce API name");
      continue;
    }
    const hash = contentHash({ object, fields: record });
    if (deps.ledger) {
      const entry = await deps.ledger.get(ledgerKey(object, extIdField, value));
      if (entry && entry.hash === hash) {
        results[index] = { index, externalId: value, status: "unchanged", id: entry.targetId };
        continue;
      }
    }
    toSend.push({ index, externalId: value, fields: record, hash });
  }

  const written = async (p: Pending, id: string, created: boolean) => {
    results[p.index] = {
      index: p.index,
      externalId: p.externalId,
      status: created ? "created" : "updated",
      id,
    };
    await deps.ledger?.record({
      key: ledgerKey(object, extIdField, p.externalId),
      hash: p.hash,
      targetId: id,
      postedAt: new Date().toISOString(),
    });
  };
  const failAll = (batch: readonly Pending[], e: unknown) => {
    const err = e instanceof LedgerlineError ? e : undefined;
    const code =
      (err && "vendorCode" in err && typeof err.vendorCode === "string" ? err.vendorCode : undefined) ??
      err?.code ??
      "UNKNOWN_ERROR";
    for (const p of batch) {
      results[p.index] = {
        index: p.index,
        externalId: p.externalId,
        // The whole request failed: no record of it was written, and none is known to be bad on its own.
        status: "failed",
        code,
        fields: [],
        reason: isBudget(e)
          ? "not sent: the daily API budget is used up"
          : `the request failed${err ? ` (${err.code})` : ""}`,
      };
    }
  };

  const { http, apiVersion } = deps;
  let stopped: LedgerlineError | undefined;

  // Records to (re)send through Collections: all of them in Collections mode; after a Bulk job, the rows it
  // refused with UNABLE_TO_LOCK_ROW (a transient lock), so they are written rather than reported failed.
  let collectionsQueue: Pending[] = [];
  const bulkThreshold = deps.bulk?.threshold ?? 2000;
  const mode = options.transport ?? "auto";
  if (toSend.length > 0 && (mode === "bulk" || (mode === "auto" && toSend.length > bulkThreshold))) {
    report.transport = "bulk";
    try {
      await bulkUpsert(deps, object, extIdField, toSend, report, written, (p, code, reason, status) => {
        results[p.index] = { index: p.index, externalId: p.externalId, status, code, fields: [], reason };
        if (code === SALESFORCE_ERROR_CODES.unableToLockRow) collectionsQueue.push(p);
      });
    } catch (e) {
      if (isBudget(e)) stopped = e as LedgerlineError;
      failAll(
        toSend.filter((p) => results[p.index] === undefined),
        e,
      );
    }
  } else if (toSend.length === 1 && mode !== "collections") {
    report.transport = "single";
    const p = toSend[0] as Pending;
    const body = Object.fromEntries(Object.entries(p.fields).filter(([k]) => k !== extIdField));
    try {
      report.calls++;
      const { data, response } = await http.PATCH(
        "/services/data/v{version}/sobjects/{sobject}/{extIdField}/{extIdValue}",
        {
          params: { path: { version: apiVersion, sobject: object, extIdField, extIdValue: p.externalId } },
          body,
          idempotent: true,
        },
      );
      if (response.status === 204 || data === undefined) {
        // Before API 46.0 (and through some proxies) an update answers 204 without the id.
        await written(p, "", false);
      } else {
        await written(p, data.id, response.status === 201 || data.created === true);
      }
    } catch (e) {
      if (isBudget(e)) stopped = e as LedgerlineError;
      if ((e as { status?: unknown }).status === 300) {
        // 300: several records share the external id; Salesforce wrote nothing.
        results[p.index] = {
          index: p.index,
          externalId: p.externalId,
          status: "rejected",
          code: "MULTIPLE_EXTERNAL_ID_MATCHES",
          fields: [extIdField],
          reason: "several records share the external id; nothing was written",
        };
      } else failAll([p], e);
    }
  } else if (toSend.length > 0) {
    report.transport = "collections";
    collectionsQueue = toSend;
  }
  if (collectionsQueue.length > 0 && !stopped) {
    let queue = collectionsQueue;
    for (let round = 0; round <= (options.lockRetries ?? 3) && queue.length > 0 && !stopped; round++) {
      const locked: Pending[] = [];
      for (let start = 0; start < queue.length; start += COLLECTION_SIZE) {
        const chunk = queue.slice(start, start + COLLECTION_SIZE);
        if (stopped) {
          failAll(chunk, stopped);
          continue;
        }
        try {
          report.calls++;
          const { data } = await http.PATCH(
            "/services/data/v{version}/composite/sobjects/{sobject}/{extIdField}",
            {
              params: { path: { version: apiVersion, sobject: object, extIdField } },
              body: {
                allOrNone: false,
                records: chunk.map((p) => ({ attributes: { type: object }, ...p.fields })),
              },
              idempotent: true,
            },
          );
          for (const [i, p] of chunk.entries()) {
            const r = data[i];
            if (!r) {
              results[p.index] = {
                index: p.index,
                externalId: p.externalId,
                status: "failed",
                code: "NO_RESULT",
                fields: [],
                reason: "Salesforce returned no result for the record",
              };
            } else if (r.success && typeof r.id === "string") {
              await written(p, r.id, r.created === true);
            } else {
              const first = r.errors[0];
              const code = first?.statusCode ?? "UNKNOWN_ERROR";
              if (code === SALESFORCE_ERROR_CODES.unableToLockRow) locked.push(p);
              results[p.index] = {
                index: p.index,
                externalId: p.externalId,
                status: code === SALESFORCE_ERROR_CODES.unableToLockRow ? "failed" : "rejected",
                code,
                fields: first?.fields ?? [],
                reason: `Salesforce refused the record (${code})`,
              };
            }
          }
        } catch (e) {
          if (isBudget(e)) stopped = e as LedgerlineError;
          failAll(chunk, e);
        }
      }
      queue = locked;
    }
  }

  for (const [index, r] of results.entries()) {
    const result: UpsertRecordResult = r ?? {
      index,
      externalId: "",
      status: "failed",
      code: "NOT_SENT",
      fields: [],
      reason: "not sent",
    };
    report.results.push(result);
    report[result.status === "created" ? "created" : result.status]++;
  }
  if (stopped) report.stoppedBy = stopped;
  return report;
}

/** One CSV cell per Bulk API 2.0 rules: `#N/A` nulls a field, booleans and numbers as text. */
function cell(value: unknown): string | undefined {
  if (value === null) return "#N/A";
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" && Number.isFinite(value) && !/e/i.test(String(value))) return String(value);
  return undefined;
}

/**
 * Upserts through one Bulk API 2.0 ingest job: create, upload the CSV, `UploadComplete`, poll, then the
 * successful and (when the job reports any) failed results, matched back by external id (row order is not
 * guaranteed); unprocessed records are fetched only for a failed or aborted job. At most 5 job calls plus polls.
 */
async function bulkUpsert(
  deps: UpsertDeps,
  object: string,
  extIdField: string,
  pending: Pending[],
  report: UpsertReport,
  written: (p: Pending, id: string, created: boolean) => Promise<void>,
  fail: (p: Pending, code: string, reason: string, status: "failed" | "rejected") => void,
): Promise<void> {
  const { http, apiVersion } = deps;
  const version = apiVersion;
  const columns = [...new Set(pending.flatMap((p) => Object.keys(p.fields)))].sort();
  const rows: string[][] = [];
  const sendable: Pending[] = [];
  const byKey = new Map<string, Pending>();
  for (const p of pending) {
    const row = columns.map((c) => cell(p.fields[c]));
    const bad = row.indexOf(undefined);
    if (bad !== -1) {
      fail(
        p,
        "INVALID_TYPE",
        `field ${columns[bad]} must be a string, finite number, boolean or null for Bulk API`,
        "rejected",
      );
      continue;
    }
    if (byKey.has(p.externalId)) {
      fail(p, "DUPLICATE_IN_BATCH", "the same external id appears twice in one Bulk job", "rejected");
      continue;
    }
    byKey.set(p.externalId, p);
    rows.push(row as string[]);
    sendable.push(p);
  }
  if (sendable.length === 0) return;

  report.calls++;
  const { data: job } = await http.POST("/services/data/v{version}/jobs/ingest", {
    params: { path: { version } },
    body: {
      object,
      operation: "upsert",
      externalIdFieldName: extIdField,
      contentType: "CSV",
      lineEnding: "LF",
      columnDelimiter: "COMMA",
    },
  });
  const path = { version, jobId: job.id };
  report.calls++;
  await http.PUT("/services/data/v{version}/jobs/ingest/{jobId}/batches", {
    params: { path },
    body: stringifyCsv([columns, ...rows], { record_delimiter: "unix" }),
    bodySerializer: (b: unknown) => b as string,
    headers: { "Content-Type": "text/csv" },
    idempotent: true,
  });
  report.calls++;
  await http.PATCH("/services/data/v{version}/jobs/ingest/{jobId}", {
    params: { path },
    body: { state: "UploadComplete" },
    idempotent: true,
  });
  const interval = deps.bulk?.pollIntervalMs ?? 2000;
  const deadline = Date.now() + (deps.bulk?.timeoutMs ?? 600_000);
  let state = "UploadComplete";
  let info = job;
  while (!["JobComplete", "Failed", "Aborted"].includes(state)) {
    if (Date.now() > deadline) {
      for (const p of sendable)
        fail(p, "BULK_JOB_TIMEOUT", `the Bulk job did not finish in time (job ${job.id})`, "failed");
      return;
    }
    await sleep(interval);
    report.calls++;
    info = (await http.GET("/services/data/v{version}/jobs/ingest/{jobId}", { params: { path } })).data;
    state = info.state;
  }
  const csv = async (kind: "successfulResults" | "failedResults" | "unprocessedrecords") => {
    report.calls++;
    const { data } = await http.GET(`/services/data/v{version}/jobs/ingest/{jobId}/${kind}`, {
      params: { path },
      parseAs: "text",
    });
    return parseCsv(String(data ?? ""), { columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
  };
  for (const row of await csv("successfulResults")) {
    const p = byKey.get(row[extIdField] ?? "");
    if (!p) continue;
    byKey.delete(p.externalId);
    await written(p, row.sf__Id ?? "", row.sf__Created === "true");
  }
  if ((info.numberRecordsFailed ?? 0) > 0 || state !== "JobComplete") {
    for (const row of await csv("failedResults")) {
      const p = byKey.get(row[extIdField] ?? "");
      if (!p) continue;
      byKey.delete(p.externalId);
      const code = (row.sf__Error ?? "").split(":")[0] || "UNKNOWN_ERROR";
      fail(
        p,
        code,
        `Salesforce refused the record (${code})`,
        code === "UNABLE_TO_LOCK_ROW" ? "failed" : "rejected",
      );
    }
  }
  if (state !== "JobComplete") {
    for (const row of await csv("unprocessedrecords")) {
      const p = byKey.get(row[extIdField] ?? "");
      if (!p) continue;
      byKey.delete(p.externalId);
      fail(p, "UNPROCESSED", `the Bulk job ended ${state} before processing the record`, "failed");
    }
  }
  for (const p of byKey.values())
    fail(p, "NO_RESULT", "the Bulk job returned no result for the record", "failed");
}

function isBudget(e: unknown): boolean {
  return (
    e instanceof SalesforceBudgetError ||
    (e instanceof LedgerlineError &&
      (e as { vendorCode?: unknown }).vendorCode === SALESFORCE_ERROR_CODES.requestLimitExceeded)
  );
}
