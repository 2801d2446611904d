import { FakeNetSuiteError } from "./fake-error.js";
import type { FakeRecord } from "./store.js";

/** A SuiteQL row as the fake returns it: lower-case column names. */
export type SuiteQLRow = Record<string, string | number | boolean | null>;

/** SuiteQL table name (lower case) → fake record type. */
export const SUITEQL_TABLES: Record<string, string> = {
  timebill: "timeBill",
  customer: "customer",
  job: "job",
  projecttask: "projectTask",
  expensereport: "expenseReport",
  invoice: "invoice",
  employee: "employee",
  department: "department",
  classification: "classification",
  location: "location",
  subsidiary: "subsidiary",
  currency: "currency",
  journalentry: "journalEntry",
  accountingperiod: "accountingPeriod",
};

interface SelectItem {
  column: string;
  alias: string;
  isoDate: boolean;
}

interface Condition {
  column: string;
  op: string;
  param?: number;
  /** Placeholders of an `IN (?, ?, …)` list. */
  params?: number[];
  isNull?: boolean;
}

/** A parsed statement of the small SuiteQL subset the fake understands. */
export interface ParsedQuery {
  table: string;
  items: SelectItem[] | "*";
  where: Condition[];
  orderBy?: { column: string; descending: boolean };
}

const IDENT = "[A-Za-z_][A-Za-z0-9_]*";
const STATEMENT = new RegExp(
  `^\\s*SELECT\\s+(.+?)\\s+FROM\\s+(${IDENT})(?:\\s+WHERE\\s+(.+?))?(?:\\s+ORDER\\s+BY\\s+(${IDENT})(?:\\s+(ASC|DESC))?)?\\s*;?\\s*$`,
  "is",
);
const TO_CHAR = new RegExp(
  `^TO_CHAR\\(\\s*(${IDENT})\\s*,\\s*'YYYY-MM-DD'\\s*\\)(?:\\s+AS\\s+(${IDENT}))?$`,
  "i",
);
const PLAIN = new RegExp(`^(${IDENT})(?:\\s+AS\\s+(${IDENT}))?$`, "i");
const COMPARE = new RegExp(
  `^(${IDENT})\\s*(=|<>|!=|>=|<=|>|<)\\s*(\\?|TO_DATE\\(\\s*\\?\\s*,\\s*'YYYY-MM-DD'\\s*\\))$`,
  "i",
);
const IN_LIST = new RegExp(`^(${IDENT})\\s+IN\\s*\\(\\s*\\?(?:\\s*,\\s*\\?)*\\s*\\)$`, "i");
const NULL_TEST = new RegExp(`^(${IDENT})\\s+IS\\s+(NOT\\s+)?NULL$`, "i");

/**
 * Parses the SuiteQL subset the fake supports: `SELECT <columns | *> FROM <table> [WHERE <column> <op> ?
 * [AND …]] [ORDER BY <column> [ASC|DESC]]`, a condition also `<column> IN (?, ?, …)`, where a column may be `TO_CHAR(col, 'YYYY-MM-DD') AS alias` and
 * a parameter `TO_DATE(?, 'YYYY-MM-DD')`.
 * @throws FakeNetSuiteError (400 INVALID_PARAMETER) for anything else
 */
export function parseQuery(q: string): ParsedQuery {
  const match = STATEMENT.exec(q);
  if (!match) throw unsupported("the statement");
  const [, rawItems = "", table = "", rawWhere, orderColumn, direction] = match;
  if (!(table.toLowerCase() in SUITEQL_TABLES)) {
    throw new FakeNetSuiteError(400, "INVALID_PARAMETER", `Record '${table}' was not found.`, "q");
  }
  const items: SelectItem[] | "*" =
    rawItems.trim() === "*" ? "*" : splitTopLevel(rawItems, ",").map((item) => parseItem(item.trim()));
  let param = 0;
  const where = rawWhere
    ? rawWhere.split(/\s+AND\s+/i).map((raw) => {
        const text = raw.trim();
        const nullTest = NULL_TEST.exec(text);
        if (nullTest)
          return { column: nullTest[1]!.toLowerCase(), op: nullTest[2] ? "notnull" : "null", isNull: true };
        const inList = IN_LIST.exec(text);
        if (inList) {
          const count = (text.match(/\?/g) ?? []).length;
          const params = Array.from({ length: count }, () => param++);
          return { column: inList[1]!.toLowerCase(), op: "in", params };
        }
        const compare = COMPARE.exec(text);
        if (!compare) throw unsupported(`the condition "${text}"`);
        return { column: compare[1]!.toLowerCase(), op: compare[2]!, param: param++ };
      })
    : [];
  return {
    table: table.toLowerCase(),
    items,
    where,
    ...(orderColumn
      ? { orderBy: { column: orderColumn.toLowerCase(), descending: /desc/i.test(direction ?? "") } }
      : {}),
  };
}

/** Runs a parsed query over records, binding `params` to the `?` placeholders in order. */
export function runQuery(parsed: ParsedQuery, records: FakeRecord[], params: unknown[]): SuiteQLRow[] {
  const needed = parsed.where.reduce(
    (n, c) => n + (c.params ? c.params.length : c.param !== undefined ? 1 : 0),
    0,
  );
  if (params.length !== needed) {
    throw new FakeNetSuiteError(
      400,
      "INVALID_PARAMETER",
      `The query has ${needed} bind parameter(s) but ${params.length} value(s) were given.`,
      "params",
    );
  }
  let rows = records.map((r) => toRow(r, parsed.table));
  for (const condition of parsed.where) {
    rows = rows.filter((row) => test(row[condition.column], condition, params));
  }
  if (parsed.orderBy) {
    const { column, descending } = parsed.orderBy;
    rows.sort((a, b) => compare(a[column], b[column]) * (descending ? -1 : 1));
  }
  return rows.map((row) => project(row, parsed.items));
}

function parseItem(text: string): SelectItem {
  const toChar = TO_CHAR.exec(text);
  if (toChar) {
    const column = toChar[1]!.toLowerCase();
    return { column, alias: (toChar[2] ?? column).toLowerCase(), isoDate: true };
  }
  const plain = PLAIN.exec(text);
  if (!plain) throw unsupported(`the column "${text}"`);
  const column = plain[1]!.toLowerCase();
  return { column, alias: (plain[2] ?? column).toLowerCase(), isoDate: false };
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === "(") depth++;
    if (!quoted && ch === ")") depth--;
    if (!quoted && depth === 0 && ch === separator) {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** Internal row: dates kept ISO so comparisons work; formatted on projection. */
function toRow(record: FakeRecord, table: string): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      if ("id" in value) row[field.toLowerCase()] = String((value as { id: unknown }).id);
      continue;
    }
    if (Array.isArray(value)) continue;
    row[field.toLowerCase()] = value;
  }
  if (table === "timebill" && typeof record.hours === "string") {
    const [h = "0", m = "0"] = record.hours.split(":");
    row.hours = Math.round(((Number(h) * 60 + Number(m)) / 60) * 100) / 100;
  }
  return row;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function project(row: Record<string, unknown>, items: SelectItem[] | "*"): SuiteQLRow {
  const out: SuiteQLRow = {};
  const columns =
    items === "*" ? Object.keys(row).map((c) => ({ column: c, alias: c, isoDate: false })) : items;
  for (const { column, alias, isoDate } of columns) {
    const value = row[column];
    // NetSuite leaves a null column out of the row, and sends numbers as text ("4.5", ".5").
    if (value === undefined || value === null) continue;
    if (typeof value === "boolean") out[alias] = value ? "T" : "F";
    else if (typeof value === "number") out[alias] = String(value).replace(/^(-?)0\./, "$1.");
    else if (typeof value === "string" && ISO_DATE.test(value) && !isoDate) {
      // NetSuite formats dates with the user's date preference unless the query converts them.
      const [, y, m, d] = ISO_DATE.exec(value)!;
      out[alias] = `${Number(m)}/${Number(d)}/${y}`;
    } else if (typeof value === "string") out[alias] = value;
    else out[alias] = String(value);
  }
  return out;
}

/**
 * The values an `externalid IN (…)` condition allows, if the query has one: the route then reads only
 * those records through the store's external-id index instead of the whole table.
 */
export function externalIdsOf(parsed: ParsedQuery, params: unknown[]): string[] | undefined {
  const condition = parsed.where.find((c) => c.column === "externalid" && c.op === "in");
  if (!condition?.params) return undefined;
  return condition.params.map((p) => params[p]).filter((v): v is string => typeof v === "string");
}

function test(value: unknown, condition: Condition, params: unknown[]): boolean {
  if (condition.isNull) return condition.op === "null" ? value == null : value != null;
  if (condition.params) {
    const actual = typeof value === "boolean" ? (value ? "T" : "F") : value;
    return (
      actual != null && condition.params.some((p) => params[p] != null && compare(actual, params[p]) === 0)
    );
  }
  const bound = params[condition.param ?? 0];
  const actual = typeof value === "boolean" ? (value ? "T" : "F") : value;
  if (actual == null || bound == null) return false;
  const c = compare(actual, bound);
  switch (condition.op) {
    case "=":
      return c === 0;
    case "<>":
    case "!=":
      return c !== 0;
    case ">=":
      return c >= 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    default:
      return c < 0;
  }
}

function compare(a: unknown, b: unknown): number {
  const x = Number(a);
  const y = Number(b);
  if (
    typeof a !== "boolean" &&
    typeof b !== "boolean" &&
    a !== "" &&
    b !== "" &&
    Number.isFinite(x) &&
    Number.isFinite(y)
  ) {
    return x === y ? 0 : x < y ? -1 : 1;
  }
  const s = String(a ?? "");
  const t = String(b ?? "");
  return s === t ? 0 : s < t ? -1 : 1;
}

function unsupported(what: string): FakeNetSuiteError {
  return new FakeNetSuiteError(
    400,
    "INVALID_PARAMETER",
    `Invalid search query. The fake NetSuite does not support ${what}.`,
    "q",
  );
}
