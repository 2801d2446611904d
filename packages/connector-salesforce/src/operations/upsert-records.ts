import { contentHash, type HttpClient, type Ledger, LedgerlineError } from "@ledgerline/core";
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
  /** API calls sent (Collections or single upserts). */
  calls: number;
  /** Set when the run stopped early (daily API budget): every unsent record is `failed` with its code. */
  stoppedBy?: LedgerlineError | undefined;
}

/** Options of {@link upsertRecords}. */
export interface UpsertOptions {
  /** Rounds of resending records refused with `UNABLE_TO_LOCK_ROW` in a Collections answer. @default 3 */
  lockRetries?: number | undefined;
}

/** What the operation needs from the client. */
export interface UpsertDeps {
  http: HttpClient<paths>;
  apiVersion: string;
  ledger?: Ledger | undefined;
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

  if (toSend.length === 1) {
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
  } else if (toSend.length > 1) {
    let queue = toSend;
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

function isBudget(e: unknown): boolean {
  return (
    e instanceof SalesforceBudgetError ||
    (e instanceof LedgerlineError &&
      (e as { vendorCode?: unknown }).vendorCode === SALESFORCE_ERROR_CODES.requestLimitExceeded)
  );
}
