import { createHttpError, type HttpClient } from "@ledgerline/core";
import type { paths } from "./generated/netsuite.js";
import { internalIdFromUrl, SUITEQL_TABLE, type WritableRecordType } from "./record-types.js";
import type { SuiteQL } from "./suiteql.js";

/**
 * Sent as `X-NetSuite-PropertyNameValidation` on every write: NetSuite then refuses a property name the
 * record does not have (400, `o:errorDetails` naming it) instead of its default, which drops the value
 * with only a warning — a misspelled field would otherwise post a record without it.
 */
export const PROPERTY_NAME_VALIDATION = "Error";

/** Options of {@link upsertByExternalId}. */
export interface UpsertOptions {
  /** Sublists whose lines the body replaces (`replace=expense`), instead of appending to them. */
  replace?: readonly string[];
  signal?: AbortSignal;
}

/**
 * `PUT /record/v1/{type}/eid:{externalId}`: creates the record or updates the one holding this external id,
 * so it is marked idempotent and core may resend it after a timeout or a reset — the worst case is an
 * update with the same content. Returns the internal id from `Location`; when NetSuite sends no `Location`
 * (not documented for upserts), it is looked up with SuiteQL by external id.
 */
export async function upsertByExternalId(
  http: HttpClient<paths>,
  suiteql: SuiteQL,
  type: WritableRecordType,
  externalId: string,
  body: Record<string, unknown>,
  options: UpsertOptions = {},
): Promise<string> {
  const put = http.PUT as unknown as (
    path: string,
    init: Record<string, unknown>,
  ) => Promise<{ response: Response }>;
  const { response } = await put(`/record/v1/${type}/eid:{externalId}`, {
    params: {
      path: { externalId },
      header: { "X-NetSuite-PropertyNameValidation": PROPERTY_NAME_VALIDATION },
      ...(options.replace?.length ? { query: { replace: options.replace.join(",") } } : {}),
    },
    body,
    idempotent: true,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const located = internalIdFromUrl(response.headers.get("location"));
  if (located) return located;
  const [row] = await suiteql.all<{ id: string }>(
    // The table name is a constant of this module; only the external id is a (bound) value.
    { q: `SELECT id FROM ${SUITEQL_TABLE[type]} WHERE externalid = ?`, params: [externalId] },
    { pageSize: 1 },
  );
  const id = row && typeof row === "object" ? (row as { id?: unknown }).id : undefined;
  if (typeof id !== "string" && typeof id !== "number") {
    // Typed and retryable: the upsert is idempotent, so the record is safe to send again.
    throw createHttpError(
      `netsuite ${type} upsert was accepted but the record cannot be found by external id`,
      {
        status: 500,
        method: "PUT",
        url: `/record/v1/${type}/eid:${externalId}`,
        retryable: true,
        system: "netsuite",
      },
      undefined,
    );
  }
  return String(id);
}
