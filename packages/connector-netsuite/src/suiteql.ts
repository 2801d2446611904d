import { type HttpClient, ValidationError } from "@ledgerline/core";
import { SuiteQLRowLimitError } from "./errors.js";
import type { paths } from "./generated/netsuite.js";
import { statement as checkStatement, type SuiteQLStatement } from "./suiteql-statement.js";

/** A SuiteQL row: lower-case column names; values as NetSuite returns them (strings, numbers or null). */
export type SuiteQLRow = Record<string, string | number | boolean | null | unknown[]>;

/** One page of a SuiteQL result. */
export interface SuiteQLPageResult<Row extends SuiteQLRow = SuiteQLRow> {
  rows: Row[];
  offset: number;
  totalResults: number | undefined;
  hasMore: boolean;
}

/** Options of a SuiteQL query. */
export interface SuiteQLOptions {
  /** Rows per page, 1–1000. @default 1000 */
  pageSize?: number;
  /** Stop paging when aborted. */
  signal?: AbortSignal;
}

/** The most rows SuiteQL returns for one query. */
export const SUITEQL_ROW_LIMIT = 100_000;

/** SuiteQL over the record service's `query/v1/suiteql` endpoint. */
export interface SuiteQL {
  /** Rows of a statement, page after page (each page one request). */
  rows<Row extends SuiteQLRow = SuiteQLRow>(
    statement: SuiteQLStatement,
    options?: SuiteQLOptions,
  ): AsyncIterable<Row>;
  /** Pages of a statement. */
  pages<Row extends SuiteQLRow = SuiteQLRow>(
    statement: SuiteQLStatement,
    options?: SuiteQLOptions,
  ): AsyncIterable<SuiteQLPageResult<Row>>;
  /** Every row of a statement, collected. */
  all<Row extends SuiteQLRow = SuiteQLRow>(
    statement: SuiteQLStatement,
    options?: SuiteQLOptions,
  ): Promise<Row[]>;
}

/**
 * Creates the SuiteQL helper. Every request carries `Prefer: transient`; the body is `{ q, params }` encoded
 * by JSON (values are bound to `?` placeholders, never spliced into `q`); pages advance by `limit` so the
 * offset is always a multiple of it. A query matching more than 100,000 rows fails with
 * {@link SuiteQLRowLimitError} before any row is yielded. The POST is a read, so it is marked idempotent
 * and retried by core like a GET.
 */
export function createSuiteQL(http: HttpClient<paths>, rowLimit = SUITEQL_ROW_LIMIT): SuiteQL {
  async function* pages<Row extends SuiteQLRow>(
    statement: SuiteQLStatement,
    options: SuiteQLOptions = {},
  ): AsyncIterable<SuiteQLPageResult<Row>> {
    const checked = checkStatement(statement.q, statement.params);
    const limit = options.pageSize ?? 1000;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new TypeError('SuiteQL: option "pageSize" must be an integer from 1 to 1000');
    }
    for (let offset = 0; ; offset += limit) {
      options.signal?.throwIfAborted();
      const { data } = await http.POST("/query/v1/suiteql", {
        params: { header: { Prefer: "transient" }, query: { limit, offset } },
        body: { q: checked.q, params: checked.params },
        idempotent: true,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const page = readPage(data);
      const totalResults = page.totalResults;
      if (offset === 0 && totalResults !== undefined && totalResults > rowLimit) {
        throw new SuiteQLRowLimitError(totalResults, rowLimit);
      }
      // A row that is not an object is passed on as it is: the row's reader rejects it, not the page.
      const rows = page.items.map((item) => {
        if (!item || typeof item !== "object" || Array.isArray(item)) return item as Row;
        const { links: _links, ...row } = item as Record<string, unknown>;
        return row as Row;
      });
      yield { rows, offset, totalResults, hasMore: page.hasMore };
      if (!page.hasMore || rows.length === 0) return;
      if (offset + limit >= rowLimit)
        throw new SuiteQLRowLimitError(totalResults ?? offset + limit + 1, rowLimit);
    }
  }

  async function* rows<Row extends SuiteQLRow>(
    statement: SuiteQLStatement,
    options?: SuiteQLOptions,
  ): AsyncIterable<Row> {
    for await (const page of pages<Row>(statement, options)) yield* page.rows;
  }

  return {
    pages,
    rows,
    async all<Row extends SuiteQLRow>(statement: SuiteQLStatement, options?: SuiteQLOptions) {
      const out: Row[] = [];
      for await (const row of rows<Row>(statement, options)) out.push(row);
      return out;
    },
  };
}

/**
 * The page envelope, checked: a body without an `items` array or with a non-boolean `hasMore` is a
 * `ValidationError` naming the field (NetSuite's documented page is `{links, count, hasMore, items, offset,
 * totalResults}`), never a `TypeError`.
 */
function readPage(data: unknown): { items: unknown[]; hasMore: boolean; totalResults: number | undefined } {
  const issues: Array<{ path: string; message: string; code: string }> = [];
  const body =
    data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  if (!body) issues.push({ path: "(body)", message: "must be a JSON object", code: "INVALID_RESPONSE" });
  const items = body?.items;
  const hasMore = body?.hasMore;
  const totalResults = body?.totalResults;
  if (body && !Array.isArray(items))
    issues.push({ path: "items", message: "must be an array", code: "INVALID_RESPONSE" });
  if (body && typeof hasMore !== "boolean")
    issues.push({ path: "hasMore", message: "must be a boolean", code: "INVALID_RESPONSE" });
  if (body && totalResults !== undefined && !Number.isInteger(totalResults))
    issues.push({ path: "totalResults", message: "must be an integer", code: "INVALID_RESPONSE" });
  if (issues.length > 0) throw new ValidationError("SuiteQL: the response is not a page of rows", issues);
  return {
    items: items as unknown[],
    hasMore: hasMore as boolean,
    totalResults: totalResults as number | undefined,
  };
}
