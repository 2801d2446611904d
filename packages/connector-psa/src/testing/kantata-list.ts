import type { KantataEnvelope, KantataErrorBody, KantataKey, KantataRecordTypes } from "../kantata-types.js";
import { MAX_PER_PAGE } from "../page-fetcher.js";
import { INCLUDE_RULES } from "./kantata-includes.js";
import { type KantataStore, updatedAtOf } from "./kantata-store.js";

type AnyRecord = KantataRecordTypes[KantataKey];
type Fields = Record<string, unknown>;

/** What a fake list endpoint answers: an envelope, or a Kantata error body with its status. */
export type ListOutcome = { status: 200; body: KantataEnvelope } | { status: 400; body: KantataErrorBody };

/** Raw query parameters as they arrive (strings), or already coerced by the OpenAPI validator. */
export type RawQuery = Record<string, string | number | boolean | undefined>;

/** Default sort of each list, as Kantata documents it (time entries: most recent work first). */
const DEFAULT_ORDER: Partial<Record<KantataKey, string>> = { time_entries: "date_performed:desc" };

/** Workspace attributes Kantata sends only to tokens with financial access. */
export const FINANCIAL_WORKSPACE_FIELDS = [
  "currency",
  "currency_symbol",
  "price",
  "price_in_cents",
  "budget_used",
  "over_budget",
  "total_expenses_in_cents",
] as const;

/** How the fake shapes its answers (see `KantataFakeOptions`). */
export interface ListShape {
  /** Send `meta` (Kantata often does not). @default false */
  meta?: boolean | undefined;
  /** The token has financial access: workspaces carry their financial attributes. @default true */
  financialAccess?: boolean | undefined;
}

/** Equality filters each endpoint accepts besides the shared ones, by query parameter = attribute. */
const EQUALITY_FILTERS: Partial<Record<KantataKey, string[]>> = {
  stories: ["story_type"],
  timesheet_submissions: ["status"],
  external_references: ["subject_type", "subject_id", "service_name"],
};

/**
 * Answers a Kantata list request from the store: filters (`only`, `updated_after` (strictly later),
 * `approved` on time entries, `workspace_id`, `date_performed_between`, `active` on expense report
 * submissions and per-type ones), `order`, paging (`page`, `per_page` ≤ 200) and `include` side-loading,
 * in Kantata's envelope — with `count` but without `meta` unless `shape.meta`, and without the workspaces'
 * financial attributes when `shape.financialAccess` is `false`.
 */
export function listRecords(
  store: KantataStore,
  key: KantataKey,
  query: RawQuery,
  shape: ListShape = {},
): ListOutcome {
  const page = intParam(query.page, 1);
  const perPage = intParam(query.per_page, 20);
  if (page === undefined || page < 1) return invalid("page", "page must be a positive integer");
  if (perPage === undefined || perPage < 1 || perPage > MAX_PER_PAGE) {
    return invalid("per_page", `per_page must be between 1 and ${MAX_PER_PAGE}`);
  }
  const includes = listParam(query.include);
  for (const name of includes) {
    if (INCLUDE_RULES[key][name] === undefined) return invalid("include", `unknown include "${name}"`);
  }

  if (typeof query.updated_after === "string" && Number.isNaN(Date.parse(query.updated_after))) {
    return invalid("updated_after", "updated_after must be an ISO 8601 date-time");
  }
  const order = typeof query.order === "string" ? query.order : (DEFAULT_ORDER[key] ?? "id:asc");
  const [field, dir] = order.split(":");
  if (field === undefined || (dir !== "asc" && dir !== "desc"))
    return invalid("order", "order must be field:asc|desc");
  const rows = sortedView(store, key, query, field, dir === "asc" ? 1 : -1);
  if (rows === undefined) return invalid("order", `cannot order by "${field}"`);

  const count = rows.length;
  const pageRows = rows.slice((page - 1) * perPage, page * perPage);
  const envelope: KantataEnvelope & Record<string, unknown> = {
    count,
    ...(shape.meta
      ? { meta: { count, page_count: Math.ceil(count / perPage), page_number: page, page_size: perPage } }
      : {}),
    results: pageRows.map((row) => ({ key, id: row.id })),
  };
  const maps: Partial<Record<KantataKey, Record<string, Fields>>> = { [key]: {} };
  const put = (target: KantataKey, record: AnyRecord, extra: Fields = {}) => {
    const map = maps[target] ?? {};
    maps[target] = map;
    map[record.id] = { ...(map[record.id] ?? structuredClone(record)), ...extra };
  };
  const hidden = Object.entries(INCLUDE_RULES[key]).filter(
    ([name, rule]) => rule.idsField && !includes.includes(name),
  );
  for (const row of pageRows) {
    const extra: Fields = {};
    for (const name of includes) {
      const rule = INCLUDE_RULES[key][name];
      if (rule === undefined) continue;
      const ids = rule.ids(row, store);
      if (rule.idsField !== undefined) extra[rule.idsField] = ids;
      for (const id of ids) {
        const included = store.get(rule.target, id);
        if (included !== undefined) put(rule.target, included);
      }
    }
    put(key, row, extra);
    const stored = maps[key]?.[row.id];
    for (const [, rule] of hidden) if (stored !== undefined) delete stored[rule.idsField as string];
  }
  if (shape.financialAccess === false) {
    for (const workspace of Object.values(maps.workspaces ?? {})) {
      for (const field of FINANCIAL_WORKSPACE_FIELDS) delete workspace[field];
    }
  }
  Object.assign(envelope, maps);
  return { status: 200, body: envelope };
}

/** Query parameters that choose which rows and in which order (not the page, nor the includes). */
const VIEW_PARAMS = new Set(["page", "per_page", "include"]);
/** Sorted views kept per store; a reader walking pages reuses one, so a page costs its own size. */
const MAX_VIEWS = 16;
const views = new WeakMap<KantataStore, Map<string, { revision: number; rows: AnyRecord[] }>>();

/**
 * The rows a list query selects, in its order: filtered and sorted once per store revision and query (not
 * once per page), so reading a table page by page costs O(table) once, then O(page) per page.
 * `undefined` when no row has the order field.
 */
function sortedView(
  store: KantataStore,
  key: KantataKey,
  query: RawQuery,
  field: string,
  sign: 1 | -1,
): AnyRecord[] | undefined {
  const signature = JSON.stringify([
    key,
    field,
    sign,
    Object.entries(query)
      .filter(([name, value]) => !VIEW_PARAMS.has(name) && value !== undefined && name !== "order")
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  ]);
  const only = listParam(query.only);
  if (only.length > 0) {
    // A lookup by id reads those records only.
    const picked = [...new Set(only)]
      .map((id) => store.get(key, id))
      .filter((r): r is AnyRecord => r !== undefined);
    const filtered = picked.filter(matches(key, query));
    if (filtered.length > 0 && !filtered.some((row) => field in row)) return undefined;
    return sortBy(filtered, field, sign);
  }
  let cache = views.get(store);
  if (!cache) {
    cache = new Map();
    views.set(store, cache);
  }
  const hit = cache.get(signature);
  if (hit && hit.revision === store.revision) {
    // most recently used last
    cache.delete(signature);
    cache.set(signature, hit);
    return hit.rows;
  }
  const filtered = store.all(key).filter(matches(key, query));
  if (filtered.length > 0 && !filtered.some((row) => field in row)) return undefined;
  const rows = sortBy(filtered, field, sign);
  cache.delete(signature);
  cache.set(signature, { revision: store.revision, rows });
  while (cache.size > MAX_VIEWS) cache.delete(cache.keys().next().value as string);
  return rows;
}

function matches(key: KantataKey, query: RawQuery): (row: AnyRecord) => boolean {
  const only = listParam(query.only);
  const workspaceIds = listParam(query.workspace_id);
  const updatedAfter = typeof query.updated_after === "string" ? Date.parse(query.updated_after) : undefined;
  // Only time entries carry `approved`; expenses have no such attribute or filter in Kantata.
  const approved = key === "time_entries" ? boolParam(query.approved) : undefined;
  const active = key === "expense_report_submissions" ? boolParam(query.active) : undefined;
  const between =
    typeof query.date_performed_between === "string" ? query.date_performed_between.split(":") : [];
  const equality = (EQUALITY_FILTERS[key] ?? []).filter((field) => query[field] !== undefined);
  return (row) => {
    const r = row as unknown as Fields;
    if (only.length > 0 && !only.includes(row.id)) return false;
    if (workspaceIds.length > 0 && !workspaceIds.includes(String(r.workspace_id))) return false;
    if (updatedAfter !== undefined && !(Date.parse(updatedAtOf(row) ?? "") > updatedAfter)) return false;
    if (approved !== undefined && r.approved !== approved) return false;
    if (active !== undefined && (r.status === "pending" || r.status === "approved") !== active) return false;
    if (between.length === 2) {
      const date = String(r.date_performed);
      if (date < (between[0] as string) || date > (between[1] as string)) return false;
    }
    for (const field of equality) if (String(r[field]) !== String(query[field])) return false;
    return true;
  };
}

/** Sorts by `field` (nulls last), ties by numeric id; sort keys computed once per row. */
function sortBy(rows: readonly AnyRecord[], field: string, sign: 1 | -1): AnyRecord[] {
  const keyed = rows.map((row) => ({
    row,
    value: sortable(field, (row as unknown as Fields)[field]) as string | number | null | undefined,
    id: Number(row.id),
  }));
  keyed.sort((a, b) => {
    if (a.value !== b.value) {
      if (a.value === null || a.value === undefined) return 1;
      if (b.value === null || b.value === undefined) return -1;
      return (a.value < b.value ? -1 : 1) * sign;
    }
    return a.id - b.id;
  });
  return keyed.map((k) => k.row);
}

/** Instants compare as instants and numeric ids as numbers (`"99"` before `"100"`). */
function sortable(field: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (field.endsWith("_at")) return Date.parse(value);
  if ((field === "id" || field.endsWith("_id")) && /^\d+$/.test(value)) return Number(value);
  return value;
}

function invalid(field: string, message: string): ListOutcome {
  return { status: 400, body: { errors: [{ type: "validation", message, field }] } };
}

function intParam(value: unknown, fallback: number): number | undefined {
  if (value === undefined || value === "") return fallback;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isInteger(n) ? n : undefined;
}

function boolParam(value: unknown): boolean | undefined {
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  return undefined;
}

function listParam(value: unknown): string[] {
  if (value === undefined || value === "") return [];
  return String(value)
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}
