import { randomUUID } from "node:crypto";
import { verifyJwt } from "@ledgerline/core";
import {
  createFakeApi,
  type FakeApi,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  type FaultKind,
  type ListenOptions,
  type RouteHandler,
  seededRandom,
} from "@ledgerline/core/testing";
import { parse as parseCsv } from "csv-parse/sync";
import { stringify as stringifyCsv } from "csv-stringify/sync";
import { salesforceOpenApi } from "../generated/salesforce-spec.js";
import { conditionFields, matches, parseSoql, SoqlSyntaxError } from "./soql-engine.js";

/** Field types the fake checks values against (as strictly as the vendor's JSON parser). */
export type FakeFieldType = "id" | "string" | "boolean" | "number" | "date" | "datetime" | "picklist";

/** One field of an object the fake knows. */
export interface FakeField {
  type: FakeFieldType;
  /** An external-id field: usable in upsert by external id. */
  externalId?: boolean | undefined;
  /** Read-only (system) fields cannot be written. */
  readOnly?: boolean | undefined;
  /** Required on create (`REQUIRED_FIELD_MISSING` without it). */
  required?: boolean | undefined;
}

/** The objects the fake knows, by API name, each with its fields and child relationships by API name. */
export type FakeSchema = Record<
  string,
  {
    keyPrefix: string;
    fields: Record<string, FakeField>;
    /** Child relationships usable in subqueries: name → child object and its lookup field. */
    children?: Record<string, { object: string; field: string }>;
  }
>;

const common: Record<string, FakeField> = {
  Id: { type: "id", readOnly: true },
  CreatedDate: { type: "datetime", readOnly: true },
  LastModifiedDate: { type: "datetime", readOnly: true },
  SystemModstamp: { type: "datetime", readOnly: true },
  IsDeleted: { type: "boolean", readOnly: true },
  CurrencyIsoCode: { type: "picklist" },
  Ledgerline_Key__c: { type: "string", externalId: true },
};

/** The default schema: Account, Opportunity, OpportunityLineItem, Contract with the fields the connector uses. */
export const DEFAULT_FAKE_SCHEMA: FakeSchema = {
  Account: {
    keyPrefix: "001",
    children: {
      Opportunities: { object: "Opportunity", field: "AccountId" },
      Contracts: { object: "Contract", field: "AccountId" },
    },
    fields: {
      ...common,
      Name: { type: "string", required: true },
      AccountNumber: { type: "string" },
      ParentId: { type: "id" },
      BillingCountry: { type: "string" },
      BillingCountryCode: { type: "picklist" },
      Type: { type: "picklist" },
      Industry: { type: "picklist" },
      Website: { type: "string" },
    },
  },
  Opportunity: {
    keyPrefix: "006",
    children: { OpportunityLineItems: { object: "OpportunityLineItem", field: "OpportunityId" } },
    fields: {
      ...common,
      Name: { type: "string", required: true },
      AccountId: { type: "id" },
      Amount: { type: "number" },
      CloseDate: { type: "date", required: true },
      StageName: { type: "picklist", required: true },
      IsClosed: { type: "boolean", readOnly: true },
      IsWon: { type: "boolean", readOnly: true },
      ForecastCategory: { type: "picklist", readOnly: true },
      HasOpportunityLineItem: { type: "boolean", readOnly: true },
      ContractId: { type: "id" },
      Billing_Type__c: { type: "picklist" },
      Project_Id__c: { type: "string" },
      Engagement_Id__c: { type: "string" },
      NetSuite_Project_Id__c: { type: "string" },
      Kantata_Workspace_Id__c: { type: "string" },
    },
  },
  OpportunityLineItem: {
    keyPrefix: "00k",
    fields: {
      ...common,
      OpportunityId: { type: "id" },
      PricebookEntryId: { type: "id" },
      Product2Id: { type: "id" },
      Name: { type: "string", readOnly: true },
      Quantity: { type: "number" },
      UnitPrice: { type: "number" },
      TotalPrice: { type: "number" },
      ServiceDate: { type: "date" },
      Description: { type: "string" },
      Billing_Type__c: { type: "picklist" },
      Milestone_Date__c: { type: "date" },
    },
  },
  Contract: {
    keyPrefix: "800",
    fields: {
      ...common,
      AccountId: { type: "id" },
      Status: { type: "picklist" },
      StartDate: { type: "date" },
      EndDate: { type: "date" },
      ContractTerm: { type: "number" },
      ContractNumber: { type: "string", readOnly: true },
    },
  },
};

/** A record as the fake stores it (field API names → values). */
export type FakeRecord = Record<string, unknown> & { Id: string };

interface IngestJobState {
  info: Record<string, unknown> & { id: string; object: string; operation: string; state: string };
  csv: string | undefined;
  polls: number;
  successful: Record<string, string>[];
  failed: Record<string, string>[];
  unprocessed: Record<string, string>[];
  columns: string[];
}

/** Options of {@link createSalesforceFake}. */
export interface SalesforceFakeOptions {
  /** Objects and fields. @default {@link DEFAULT_FAKE_SCHEMA} */
  schema?: FakeSchema | undefined;
  /** The org's daily API allocation (`Sforce-Limit-Info` max). @default 100000 */
  dailyLimit?: number | undefined;
  /** Calls already used at the start. @default 0 */
  used?: number | undefined;
  /** Share 0–1 of write requests answered 400 `UNABLE_TO_LOCK_ROW` before anything is written (seeded). @default 0 */
  lockRate?: number | undefined;
  /** Share 0–1 of requests answered 503 `SERVER_UNAVAILABLE` (seeded, core faults). @default 0 */
  unavailableRate?: number | undefined;
  /** Seed of the injected faults. @default 1 */
  seed?: number | undefined;
  /** Client credentials the token endpoint accepts. @default any non-empty id and secret */
  clientCredentials?: { clientId: string; clientSecret: string } | undefined;
  /** PEM public key that verifies JWT bearer assertions (RS256); without it any well-formed assertion passes its claims check. */
  jwtPublicKey?: string | undefined;
  /** Base URL of the in-process fetch (the token endpoint answers its own origin as `instance_url`). @default "https://fake.my.salesforce.com" */
  baseUrl?: string | undefined;
  /** Query batch size when the client sends none. @default 2000 */
  batchSize?: number | undefined;
}

/** A stateful fake of the Salesforce REST subset in `openapi/salesforce.yaml`. */
export interface SalesforceFake {
  /** The underlying `@ledgerline/core/testing` fake: contract violations, request log, counters. */
  readonly api: FakeApi;
  /** In-process `fetch`. */
  readonly fetch: FakeApi["fetch"];
  /** Base URL (use as `instanceUrl`). */
  readonly baseUrl: string;
  /** API calls counted against the daily allocation so far. */
  readonly apiUsed: number;
  /** Data API calls served, by route key or all (token requests excluded). */
  apiCalls(route?: string): number;
  /** Stored records of an object. */
  records(object: string): FakeRecord[];
  /** Adds a record as an admin would (id and system fields assigned); returns it. */
  insert(object: string, fields: Record<string, unknown>): FakeRecord;
  /** Starts a new 24-hour window: `used` back to 0. */
  resetBudget(): void;
  /** Invalidates every issued session: the next call gets 401 `INVALID_SESSION_ID`. */
  expireSessions(): void;
  /** Changes the injected `UNABLE_TO_LOCK_ROW` rate. */
  setLockRate(rate: number): void;
  /** Serves over HTTP on 127.0.0.1. */
  listen(options?: ListenOptions): Promise<FakeServer>;
  close(): Promise<void>;
}

const DATA = "/services/data/v{version}";
const err = (status: number, errorCode: string, message: string, fields?: string[]): FakeResponse => ({
  status,
  body: [{ message, errorCode, ...(fields ? { fields } : {}) }],
});

/**
 * Creates a stateful Salesforce fake on `@ledgerline/core/testing`: OAuth token endpoint (JWT bearer,
 * client credentials, refresh token; no `expires_in`), sessions that can expire (401
 * `INVALID_SESSION_ID`), sObject create / get / update / delete, upsert by external id (201 / 200 with
 * `created`, 204 before API 46.0, 300 on duplicate external ids, 404 on a field that is not an external
 * id), describe, a SOQL subset with `nextRecordsUrl` paging, Collections create / update / upsert, limits,
 * the daily API budget (`Sforce-Limit-Info` on every answer, then 403 `REQUEST_LIMIT_EXCEEDED`) and
 * seeded `UNABLE_TO_LOCK_ROW` / 503 injection. It is as strict as the vendor: unknown fields
 * `INVALID_FIELD`, wrong value types `JSON_PARSER_ERROR`, read-only fields `INVALID_FIELD_FOR_INSERT_UPDATE`.
 */
export function createSalesforceFake(options: SalesforceFakeOptions = {}): SalesforceFake {
  const schema = options.schema ?? DEFAULT_FAKE_SCHEMA;
  const dailyLimit = options.dailyLimit ?? 100_000;
  let used = options.used ?? 0;
  let lockRate = options.lockRate ?? 0;
  const random = seededRandom((options.seed ?? 1) + 7);
  const store = new Map<string, Map<string, FakeRecord>>();
  const sessions = new Set<string>();
  const refreshTokens = new Set<string>();
  const cursors = new Map<string, { records: Record<string, unknown>[]; batch: number }>();
  const jobs = new Map<string, IngestJobState>();
  const compositeTokens = new Set<string>();
  const queryJobs = new Map<
    string,
    {
      info: Record<string, unknown> & { id: string; state: string };
      rows: Record<string, unknown>[];
      fields: string[];
    }
  >();
  let counter = 0;
  let apiCalls = 0;
  const callsByRoute = new Map<string, number>();
  const baseUrl = (options.baseUrl ?? "https://fake.my.salesforce.com").replace(/\/+$/, "");

  const table = (object: string) => {
    let t = store.get(object);
    if (!t) {
      t = new Map();
      store.set(object, t);
    }
    return t;
  };
  const objectOf = (name: string) => schema[name];
  const newId = (prefix: string) => `${prefix}${String(++counter).padStart(12, "0")}AAA`;
  const now = () => new Date().toISOString().replace("Z", "+0000");

  /** Checks written fields like the vendor; returns an error answer or undefined. */
  function checkFields(
    object: string,
    fields: Record<string, unknown>,
    allowed: Set<string>,
  ): FakeResponse | undefined {
    const def = objectOf(object);
    if (!def) return err(404, "NOT_FOUND", "The requested resource does not exist");
    for (const [name, value] of Object.entries(fields)) {
      if (allowed.has(name)) continue;
      const f = def.fields[name];
      if (!f)
        return err(400, "INVALID_FIELD", `No such column '${name}' on sobject of type ${object}`, [name]);
      if (f.readOnly) {
        return err(400, "INVALID_FIELD_FOR_INSERT_UPDATE", `Unable to create/update fields: ${name}.`, [
          name,
        ]);
      }
      if (value === null) continue;
      const ok =
        f.type === "number"
          ? typeof value === "number" && Number.isFinite(value)
          : f.type === "boolean"
            ? typeof value === "boolean"
            : f.type === "date"
              ? typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
              : typeof value === "string";
      if (!ok) {
        return err(400, "JSON_PARSER_ERROR", `Cannot deserialize value for field ${name} of type ${f.type}`, [
          name,
        ]);
      }
    }
    return undefined;
  }

  function insert(object: string, fields: Record<string, unknown>): FakeRecord {
    const def = objectOf(object);
    if (!def) throw new Error(`fake: unknown object ${object}`);
    const stamp = now();
    const record: FakeRecord = {
      ...fields,
      Id: newId(def.keyPrefix),
      CreatedDate: stamp,
      LastModifiedDate: stamp,
      SystemModstamp: stamp,
      IsDeleted: false,
    };
    if (object === "Opportunity") {
      const stage = record.StageName;
      record.IsClosed = stage === "Closed Won" || stage === "Closed Lost";
      record.IsWon = stage === "Closed Won";
    }
    table(object).set(record.Id, record);
    return record;
  }
  function update(object: string, record: FakeRecord, fields: Record<string, unknown>): void {
    Object.assign(record, fields, { LastModifiedDate: now(), SystemModstamp: now() });
    if (object === "Opportunity") {
      record.IsClosed = record.StageName === "Closed Won" || record.StageName === "Closed Lost";
      record.IsWon = record.StageName === "Closed Won";
    }
  }
  const withAttributes = (object: string, version: string, r: Record<string, unknown>) => ({
    attributes: { type: object, url: `/services/data/v${version}/sobjects/${object}/${String(r.Id)}` },
    ...r,
  });

  /** Budget, session and lock checks every data route goes through. */
  const data =
    (route: string, handler: RouteHandler, opts: { write?: boolean } = {}): RouteHandler =>
    async (request, context) => {
      const auth = request.headers.get("authorization") ?? "";
      const token = auth.startsWith("Bearer ") ? auth.slice(7) : "";
      if (!sessions.has(token)) return err(401, "INVALID_SESSION_ID", "Session expired or invalid");
      // A composite subrequest is part of one API call: not counted again.
      if (compositeTokens.has(request.headers.get("x-fake-composite") ?? ""))
        return handler(request, context);
      apiCalls++;
      callsByRoute.set(route, (callsByRoute.get(route) ?? 0) + 1);
      if (used >= dailyLimit) {
        return err(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
      }
      used++;
      const limitHeader = { "Sforce-Limit-Info": `api-usage=${used}/${dailyLimit}` };
      if (opts.write && lockRate > 0 && random() < lockRate) {
        return {
          ...err(400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record"),
          headers: limitHeader,
        };
      }
      const response = await handler(request, context);
      return { ...response, headers: { ...limitHeader, ...response.headers } };
    };

  const version = (request: FakeRequest) => request.params.version as string;
  const v46 = (request: FakeRequest) => Number(version(request)) >= 46;

  /** Upsert of one record by external id: the single and the Collections forms share it. */
  function upsertOne(
    object: string,
    extIdField: string,
    value: string,
    fields: Record<string, unknown>,
  ):
    | { kind: "created" | "updated"; id: string }
    | { kind: "multiple"; ids: string[] }
    | { kind: "missing"; fields: string[] } {
    const matchesFound = [...table(object).values()].filter((r) => r[extIdField] === value);
    if (matchesFound.length > 1) return { kind: "multiple", ids: matchesFound.map((r) => r.Id) };
    const existing = matchesFound[0];
    if (existing) {
      update(object, existing, fields);
      return { kind: "updated", id: existing.Id };
    }
    const missing = missingRequired(object, fields);
    if (missing.length > 0) return { kind: "missing", fields: missing };
    return { kind: "created", id: insert(object, { ...fields, [extIdField]: value }).Id };
  }

  function missingRequired(object: string, fields: Record<string, unknown>): string[] {
    const def = objectOf(object);
    return Object.entries(def?.fields ?? {})
      .filter(
        ([name, f]) =>
          f.required && (fields[name] === undefined || fields[name] === null || fields[name] === ""),
      )
      .map(([name]) => name);
  }

  const isExternalId = (object: string, field: string) =>
    objectOf(object)?.fields[field]?.externalId === true;

  function runQuery(request: FakeRequest, all: boolean): FakeResponse {
    const projected = selectRows(request, request.query.get("q") ?? "", all);
    if (!Array.isArray(projected)) return projected;
    const hint = /batchSize=(\d+)/.exec(request.headers.get("sforce-query-options") ?? "");
    const batch = Math.min(2000, Math.max(200, hint ? Number(hint[1]) : (options.batchSize ?? 2000)));
    return page(request, all, projected, 0, batch);
  }

  /** Runs a query of the subset: the projected rows (with `attributes`), or the vendor's error answer. */
  function selectRows(
    request: FakeRequest,
    text: string,
    all: boolean,
  ): FakeResponse | Record<string, unknown>[] {
    let query: ReturnType<typeof parseSoql>;
    try {
      query = parseSoql(text);
    } catch (e) {
      if (e instanceof SoqlSyntaxError) return err(400, "MALFORMED_QUERY", e.message);
      throw e;
    }
    const def = objectOf(query.object);
    if (!def) {
      return err(400, "INVALID_TYPE", `sObject type '${query.object}' is not supported.`);
    }
    for (const f of [
      ...query.fields,
      ...conditionFields(query.where),
      ...query.orderBy.map((o) => o.field),
    ]) {
      if (!def.fields[f])
        return err(400, "INVALID_FIELD", `No such column '${f}' on entity '${query.object}'.`);
    }
    let rows = [...table(query.object).values()].filter(
      (r) => (all || r.IsDeleted !== true) && matches(r, query.where),
    );
    for (const o of [...query.orderBy].reverse()) {
      rows = rows.sort((a, b) => {
        const x = a[o.field];
        const y = b[o.field];
        const d =
          x === y
            ? 0
            : x === undefined || x === null
              ? -1
              : y === undefined || y === null
                ? 1
                : x < y
                  ? -1
                  : 1;
        return o.descending ? -d : d;
      });
    }
    if (query.limit !== undefined) rows = rows.slice(0, query.limit);
    const subs: { name: string; object: string; field: string; query: ReturnType<typeof parseSoql> }[] = [];
    for (const sub of query.subqueries) {
      const rel = def.children?.[sub.object];
      const childDef = rel ? objectOf(rel.object) : undefined;
      if (!rel || !childDef) {
        return err(
          400,
          "INVALID_TYPE",
          `Didn't understand relationship '${sub.object}' in FROM part of query call.`,
        );
      }
      for (const f of [...sub.fields, ...conditionFields(sub.where), ...sub.orderBy.map((o) => o.field)]) {
        if (!childDef.fields[f])
          return err(400, "INVALID_FIELD", `No such column '${f}' on entity '${rel.object}'.`);
      }
      subs.push({ name: sub.object, object: rel.object, field: rel.field, query: sub });
    }
    const projected = rows.map((r) => {
      const out: Record<string, unknown> = {};
      for (const f of query.fields) out[f] = r[f] ?? null;
      for (const sub of subs) {
        let children = [...table(sub.object).values()].filter(
          (c) => c.IsDeleted !== true && c[sub.field] === r.Id && matches(c, sub.query.where),
        );
        if (sub.query.limit !== undefined) children = children.slice(0, sub.query.limit);
        // Salesforce sends null, not an empty result, for a parent without children.
        out[sub.name] =
          children.length === 0
            ? null
            : {
                totalSize: children.length,
                done: true,
                records: children.map((c) => {
                  const o: Record<string, unknown> = {};
                  for (const f of sub.query.fields) o[f] = c[f] ?? null;
                  return withAttributes(sub.object, version(request), o);
                }),
              };
      }
      return withAttributes(query.object, version(request), out);
    });
    return projected;
  }

  function page(
    request: FakeRequest,
    all: boolean,
    rows: Record<string, unknown>[],
    offset: number,
    batch: number,
  ): FakeResponse {
    const slice = rows.slice(offset, offset + batch);
    const done = offset + batch >= rows.length;
    const body: Record<string, unknown> = { totalSize: rows.length, done, records: slice };
    if (!done) {
      const cursor = `01g${randomUUID().replace(/-/g, "").slice(0, 15)}`;
      cursors.set(cursor, { records: rows, batch });
      body.nextRecordsUrl = `/services/data/v${version(request)}/${all ? "queryAll" : "query"}/${cursor}-${offset + batch}`;
    }
    return { status: 200, body };
  }

  function more(request: FakeRequest, all: boolean): FakeResponse {
    const m = /^(01g[A-Za-z0-9]+)-(\d+)$/.exec(request.params.locator ?? "");
    const cursor = m ? cursors.get(m[1] as string) : undefined;
    if (!m || !cursor) return err(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    return page(request, all, cursor.records, Number(m[2]), cursor.batch);
  }

  /** A deep copy of every table: what an all-or-none transaction rolls back to. */
  function snapshotStore(): Map<string, Map<string, FakeRecord>> {
    return new Map(
      [...store].map(([name, t]) => [name, new Map([...t].map(([id, r]) => [id, structuredClone(r)]))]),
    );
  }

  function restoreStore(snapshot: Map<string, Map<string, FakeRecord>>): void {
    store.clear();
    for (const [name, t] of snapshot) store.set(name, t);
  }

  function collectionRecords(
    request: FakeRequest,
  ): { records: Record<string, unknown>[]; allOrNone: boolean } | FakeResponse {
    const body = request.body as { records: Record<string, unknown>[]; allOrNone?: boolean };
    return { records: body.records, allOrNone: body.allOrNone === true };
  }

  /** Processes a closed job's CSV like the vendor: typed values, one result row per input row, any order. */
  function runJob(job: IngestJobState): void {
    const { object, operation } = job.info;
    const extIdField = job.info.externalIdFieldName as string | undefined;
    let rows: Record<string, string>[];
    try {
      rows = parseCsv(job.csv ?? "", { columns: true, skip_empty_lines: true }) as Record<string, string>[];
      job.columns = rows[0] ? Object.keys(rows[0]) : [];
    } catch {
      job.info.state = "Failed";
      job.info.errorMessage = "InvalidBatch : Failed to parse CSV";
      return;
    }
    const def = objectOf(object);
    const unknown = job.columns.find((c) => !def?.fields[c]);
    if (unknown !== undefined) {
      job.info.state = "Failed";
      job.info.errorMessage = `InvalidBatch : Field name not found : ${unknown}`;
      job.unprocessed = rows;
      job.info.numberRecordsProcessed = 0;
      job.info.numberRecordsFailed = 0;
      return;
    }
    for (const row of rows) {
      const fields: Record<string, unknown> = {};
      let typeError: string | undefined;
      for (const [name, text] of Object.entries(row)) {
        if (name === extIdField) continue;
        if (text === "") continue; // an empty cell leaves the field as it is
        if (text === "#N/A") {
          fields[name] = null;
          continue;
        }
        const type = def?.fields[name]?.type;
        if (type === "number") {
          const n = Number(text);
          if (!Number.isFinite(n)) typeError = name;
          fields[name] = n;
        } else if (type === "boolean") {
          if (text !== "true" && text !== "false") typeError = name;
          fields[name] = text === "true";
        } else fields[name] = text;
      }
      const problem = typeError
        ? `INVALID_TYPE_ON_FIELD_IN_RECORD:${typeError}: value not of required type`
        : (() => {
            const p = checkFields(object, fields, new Set());
            const e = p ? (p.body as { errorCode: string; message: string }[])[0] : undefined;
            return e ? `${e.errorCode}:${e.message}` : undefined;
          })();
      const value = extIdField ? row[extIdField] : undefined;
      if (problem) {
        job.failed.push({ sf__Id: "", sf__Error: problem, ...row });
      } else if (lockRate > 0 && random() < lockRate / 4) {
        job.failed.push({
          sf__Id: "",
          sf__Error: "UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record",
          ...row,
        });
      } else if (operation === "upsert" && extIdField) {
        if (!value) {
          job.failed.push({
            sf__Id: "",
            sf__Error: `REQUIRED_FIELD_MISSING:Required fields are missing: [${extIdField}]`,
            ...row,
          });
          continue;
        }
        const outcome = upsertOne(object, extIdField, value, fields);
        if (outcome.kind === "missing") {
          job.failed.push({
            sf__Id: "",
            sf__Error: `REQUIRED_FIELD_MISSING:Required fields are missing: [${outcome.fields.join(", ")}]`,
            ...row,
          });
        } else if (outcome.kind === "multiple") {
          job.failed.push({
            sf__Id: "",
            sf__Error: `DUPLICATE_EXTERNAL_ID:${extIdField}: more than one record found`,
            ...row,
          });
        } else {
          job.successful.push({
            sf__Id: outcome.id,
            sf__Created: String(outcome.kind === "created"),
            ...row,
          });
        }
      } else if (operation === "insert") {
        job.successful.push({ sf__Id: insert(object, fields).Id, sf__Created: "true", ...row });
      } else {
        job.failed.push({
          sf__Id: "",
          sf__Error: "FEATURENOTENABLED:operation not supported by the fake",
          ...row,
        });
      }
    }
    // Row order of results is not the upload order.
    job.successful.reverse();
    job.failed.reverse();
    job.info.state = "JobComplete";
    job.info.numberRecordsProcessed = rows.length;
    job.info.numberRecordsFailed = job.failed.length;
  }

  function jobResults(
    request: FakeRequest,
    pick: (job: IngestJobState) => Record<string, string>[],
    lead: string[],
  ): FakeResponse {
    const job = jobs.get(request.params.jobId as string);
    if (!job) return err(404, "NOT_FOUND", "The requested resource does not exist");
    if (!["JobComplete", "Failed", "Aborted"].includes(job.info.state)) {
      return err(400, "INVALIDJOBSTATE", "The job is not finished");
    }
    const columns = [...lead, ...job.columns];
    return {
      status: 200,
      headers: { "content-type": "text/csv" },
      body: stringifyCsv(pick(job), { header: true, columns, quoted: true }),
    };
  }

  const stripAttributes = (r: Record<string, unknown>) => {
    const { attributes: _a, ...fields } = r;
    return fields;
  };

  const routes: Record<string, RouteHandler> = {
    "POST /services/oauth2/token": async (request) => {
      const form = request.body as Record<string, string>;
      const grant = form.grant_type;
      // instance_url: where this fake answers (its listen() address, or the in-process base URL).
      const instanceUrl = request.url.origin;
      const issue = (withRefresh: boolean): FakeResponse => {
        const token = `00DFAKE!${randomUUID()}`;
        sessions.add(token);
        const body: Record<string, unknown> = {
          access_token: token,
          instance_url: instanceUrl,
          id: `${instanceUrl}/id/00DFAKE000000000AAA/005FAKE000000000AAA`,
          token_type: "Bearer",
          issued_at: String(Date.now()),
          signature: "ZmFrZS1zaWduYXR1cmU=",
          scope: "api",
        };
        if (withRefresh) {
          const refresh = `5Aep${randomUUID()}`;
          refreshTokens.add(refresh);
          body.refresh_token = refresh;
        }
        return { status: 200, body };
      };
      const invalid = (description: string): FakeResponse => ({
        status: 400,
        body: { error: "invalid_grant", error_description: description },
      });
      if (grant === "client_credentials") {
        const expected = options.clientCredentials;
        if (!form.client_id || !form.client_secret) {
          return {
            status: 400,
            body: { error: "invalid_client", error_description: "invalid client credentials" },
          };
        }
        if (
          expected &&
          (expected.clientId !== form.client_id || expected.clientSecret !== form.client_secret)
        ) {
          return {
            status: 400,
            body: { error: "invalid_client", error_description: "invalid client credentials" },
          };
        }
        return issue(false);
      }
      if (grant === "urn:ietf:params:oauth:grant-type:jwt-bearer") {
        const assertion = form.assertion ?? "";
        let claims: Record<string, unknown>;
        try {
          if (options.jwtPublicKey) {
            claims = (await verifyJwt(assertion, options.jwtPublicKey, ["RS256"])).payload;
          } else {
            const [h, p] = assertion.split(".");
            const header = JSON.parse(Buffer.from(h ?? "", "base64url").toString()) as { alg?: string };
            if (header.alg !== "RS256") return invalid("invalid assertion");
            claims = JSON.parse(Buffer.from(p ?? "", "base64url").toString()) as Record<string, unknown>;
          }
        } catch {
          return invalid("invalid assertion");
        }
        const nowSec = Math.floor(Date.now() / 1000);
        if (
          typeof claims.iss !== "string" ||
          typeof claims.sub !== "string" ||
          typeof claims.aud !== "string"
        ) {
          return invalid("invalid assertion");
        }
        if (typeof claims.exp !== "number" || claims.exp < nowSec || claims.exp > nowSec + 180 + 5) {
          return invalid("expired authorization code");
        }
        return issue(false);
      }
      if (grant === "refresh_token") {
        if (!form.refresh_token || (refreshTokens.size > 0 && !refreshTokens.has(form.refresh_token))) {
          if (refreshTokens.size > 0 || !form.refresh_token) return invalid("expired access/refresh token");
        }
        return issue(false);
      }
      return {
        status: 400,
        body: { error: "unsupported_grant_type", error_description: "grant type not supported" },
      };
    },
    [`GET ${DATA}/limits`]: data("limits", () => ({
      status: 200,
      body: {
        DailyApiRequests: { Max: dailyLimit, Remaining: Math.max(0, dailyLimit - used) },
        DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
      },
    })),
    [`GET ${DATA}/sobjects/{sobject}/describe`]: data("describe", (request) => {
      const name = request.params.sobject as string;
      const def = objectOf(name);
      if (!def) return err(404, "NOT_FOUND", "The requested resource does not exist");
      return {
        status: 200,
        body: {
          name,
          label: name,
          custom: name.endsWith("__c"),
          fields: Object.entries(def.fields).map(([fieldName, f]) => ({
            name: fieldName,
            label: fieldName,
            type: f.type === "number" ? "double" : f.type,
            externalId: f.externalId === true,
            nillable: f.type !== "boolean",
            custom: fieldName.endsWith("__c"),
          })),
        },
      };
    }),
    [`POST ${DATA}/sobjects/{sobject}`]: data(
      "create",
      (request) => {
        const object = request.params.sobject as string;
        const fields = stripAttributes(request.body as Record<string, unknown>);
        const problem = checkFields(object, fields, new Set());
        if (problem) return problem;
        const missing = missingRequired(object, fields);
        if (missing.length > 0) {
          return err(
            400,
            "REQUIRED_FIELD_MISSING",
            `Required fields are missing: [${missing.join(", ")}]`,
            missing,
          );
        }
        return { status: 201, body: { id: insert(object, fields).Id, success: true, errors: [] } };
      },
      { write: true },
    ),
    [`GET ${DATA}/sobjects/{sobject}/{id}`]: data("get", (request) => {
      const object = request.params.sobject as string;
      const record = objectOf(object) ? table(object).get(request.params.id as string) : undefined;
      if (!record) return err(404, "NOT_FOUND", "The requested resource does not exist");
      return { status: 200, body: withAttributes(object, version(request), record) };
    }),
    [`PATCH ${DATA}/sobjects/{sobject}/{id}`]: data(
      "update",
      (request) => {
        const object = request.params.sobject as string;
        const record = objectOf(object) ? table(object).get(request.params.id as string) : undefined;
        if (!record) return err(404, "NOT_FOUND", "The requested resource does not exist");
        const fields = stripAttributes(request.body as Record<string, unknown>);
        const problem = checkFields(object, fields, new Set());
        if (problem) return problem;
        update(object, record, fields);
        return { status: 204 };
      },
      { write: true },
    ),
    [`DELETE ${DATA}/sobjects/{sobject}/{id}`]: data(
      "delete",
      (request) => {
        const object = request.params.sobject as string;
        const record = objectOf(object) ? table(object).get(request.params.id as string) : undefined;
        if (!record || record.IsDeleted) return err(404, "ENTITY_IS_DELETED", "entity is deleted");
        record.IsDeleted = true;
        return { status: 204 };
      },
      { write: true },
    ),
    [`PATCH ${DATA}/sobjects/{sobject}/{extIdField}/{extIdValue}`]: data(
      "upsert",
      (request) => {
        const object = request.params.sobject as string;
        const extIdField = request.params.extIdField as string;
        if (!objectOf(object)) return err(404, "NOT_FOUND", "The requested resource does not exist");
        if (!isExternalId(object, extIdField)) {
          return err(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible");
        }
        const fields = stripAttributes(request.body as Record<string, unknown>);
        if (extIdField in fields) {
          return err(400, "INVALID_FIELD", `${extIdField} is given in the URL and must not be in the body`, [
            extIdField,
          ]);
        }
        const problem = checkFields(object, fields, new Set());
        if (problem) return problem;
        const value = request.params.extIdValue as string;
        if (
          request.query.get("updateOnly") === "true" &&
          ![...table(object).values()].some((r) => r[extIdField] === value)
        ) {
          return err(404, "NOT_FOUND", "The requested resource does not exist");
        }
        const outcome = upsertOne(object, extIdField, value, fields);
        if (outcome.kind === "missing") {
          return err(
            400,
            "REQUIRED_FIELD_MISSING",
            `Required fields are missing: [${outcome.fields.join(", ")}]`,
            outcome.fields,
          );
        }
        if (outcome.kind === "multiple") {
          return {
            status: 300,
            body: outcome.ids.map((id) => `/services/data/v${version(request)}/sobjects/${object}/${id}`),
          };
        }
        if (outcome.kind === "created") {
          return {
            status: 201,
            body: { id: outcome.id, success: true, errors: [], ...(v46(request) ? { created: true } : {}) },
          };
        }
        if (!v46(request)) return { status: 204 };
        return { status: 200, body: { id: outcome.id, success: true, errors: [], created: false } };
      },
      { write: true },
    ),
    [`GET ${DATA}/query`]: data("query", (request) => runQuery(request, false)),
    [`GET ${DATA}/queryAll`]: data("queryAll", (request) => runQuery(request, true)),
    [`GET ${DATA}/query/{locator}`]: data("queryMore", (request) => more(request, false)),
    [`GET ${DATA}/queryAll/{locator}`]: data("queryAllMore", (request) => more(request, true)),
    [`PATCH ${DATA}/composite/sobjects/{sobject}/{extIdField}`]: data(
      "collectionUpsert",
      (request) => {
        const object = request.params.sobject as string;
        const extIdField = request.params.extIdField as string;
        if (!objectOf(object)) return err(404, "NOT_FOUND", "The requested resource does not exist");
        if (!isExternalId(object, extIdField)) {
          return err(
            400,
            "INVALID_FIELD",
            `Field name provided, ${extIdField} is not an External ID or indexed field`,
          );
        }
        const parsed = collectionRecords(request);
        if ("status" in parsed) return parsed;
        for (const r of parsed.records) {
          const type = (r.attributes as { type?: unknown } | undefined)?.type;
          if (type !== object) {
            return err(400, "INVALID_TYPE", "every record must have attributes.type of the URL's object");
          }
          const problem = checkFields(object, stripAttributes(r), new Set([extIdField]));
          if (problem) return problem;
        }
        const snapshot = parsed.allOrNone ? snapshotStore() : undefined;
        const results = parsed.records.map((r) => {
          const fields = stripAttributes(r);
          const value = fields[extIdField];
          if (typeof value !== "string" || value === "") {
            return {
              id: null,
              success: false,
              errors: [
                {
                  statusCode: "REQUIRED_FIELD_MISSING",
                  message: "external id is required",
                  fields: [extIdField],
                },
              ],
            };
          }
          if (lockRate > 0 && random() < lockRate / 4) {
            return {
              id: null,
              success: false,
              errors: [
                {
                  statusCode: "UNABLE_TO_LOCK_ROW",
                  message: "unable to obtain exclusive access to this record",
                  fields: [],
                },
              ],
            };
          }
          const { [extIdField]: _v, ...rest } = fields;
          const outcome = upsertOne(object, extIdField, value, rest);
          if (outcome.kind === "missing") {
            return {
              id: null,
              success: false,
              errors: [
                {
                  statusCode: "REQUIRED_FIELD_MISSING",
                  message: `Required fields are missing: [${outcome.fields.join(", ")}]`,
                  fields: outcome.fields,
                },
              ],
            };
          }
          if (outcome.kind === "multiple") {
            return {
              id: null,
              success: false,
              errors: [
                {
                  statusCode: "DUPLICATE_EXTERNAL_ID",
                  message: `${extIdField}: more than one record found for external id field`,
                  fields: [extIdField],
                },
              ],
            };
          }
          return { id: outcome.id, success: true, errors: [], created: outcome.kind === "created" };
        });
        // allOrNone: one transaction — any failed record rolls back the whole request; the records that
        // would have succeeded answer ALL_OR_NONE_OPERATION_ROLLED_BACK, the failed ones keep their errors.
        if (snapshot && results.some((r) => !r.success)) {
          restoreStore(snapshot);
          return {
            status: 200,
            body: results.map((r) =>
              r.success
                ? {
                    id: null,
                    success: false,
                    errors: [
                      {
                        statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                        message:
                          "Record rolled back because not all records were valid and the request was using AllOrNone header",
                        fields: [],
                      },
                    ],
                  }
                : r,
            ),
          };
        }
        return { status: 200, body: results };
      },
      { write: true },
    ),
    [`POST ${DATA}/jobs/ingest`]: data("jobCreate", (request) => {
      const body = request.body as { object: string; operation: string; externalIdFieldName?: string };
      if (!objectOf(body.object))
        return err(400, "INVALIDENTITY", `Entity '${body.object}' is not supported by the Bulk API.`);
      if (body.operation === "upsert" && !isExternalId(body.object, body.externalIdFieldName ?? "")) {
        return err(400, "INVALIDJOB", "External ID field name is missing or not an external ID field");
      }
      const id = newId("750");
      const info = {
        id,
        operation: body.operation,
        object: body.object,
        createdById: "005FAKE000000000AAA",
        createdDate: now(),
        systemModstamp: now(),
        state: "Open",
        ...(body.externalIdFieldName ? { externalIdFieldName: body.externalIdFieldName } : {}),
        concurrencyMode: "Parallel",
        contentType: "CSV",
        apiVersion: Number(version(request)),
        contentUrl: `services/data/v${version(request)}/jobs/ingest/${id}/batches`,
        lineEnding: "LF",
        columnDelimiter: "COMMA",
      };
      jobs.set(id, {
        info,
        csv: undefined,
        polls: 0,
        successful: [],
        failed: [],
        unprocessed: [],
        columns: [],
      });
      return { status: 200, body: info };
    }),
    [`PUT ${DATA}/jobs/ingest/{jobId}/batches`]: data("jobUpload", (request) => {
      const job = jobs.get(request.params.jobId as string);
      if (!job) return err(404, "NOT_FOUND", "The requested resource does not exist");
      if (job.info.state !== "Open") return err(409, "INVALIDJOBSTATE", "The job is not open for uploads");
      if (job.csv !== undefined)
        return err(400, "INVALIDJOBSTATE", "Only one upload per job is supported by this fake");
      job.csv = typeof request.body === "string" ? request.body : request.rawBody;
      return { status: 201 };
    }),
    [`PATCH ${DATA}/jobs/ingest/{jobId}`]: data("jobState", (request) => {
      const job = jobs.get(request.params.jobId as string);
      if (!job) return err(404, "NOT_FOUND", "The requested resource does not exist");
      const state = (request.body as { state: string }).state;
      if (job.info.state !== "Open") return err(409, "INVALIDJOBSTATE", "The job is not open");
      job.info.state = state;
      return { status: 200, body: job.info };
    }),
    [`GET ${DATA}/jobs/ingest/{jobId}`]: data("jobPoll", (request) => {
      const job = jobs.get(request.params.jobId as string);
      if (!job) return err(404, "NOT_FOUND", "The requested resource does not exist");
      if (job.info.state === "UploadComplete") job.info.state = "InProgress";
      else if (job.info.state === "InProgress") runJob(job);
      return { status: 200, body: job.info };
    }),
    [`GET ${DATA}/jobs/ingest/{jobId}/successfulResults`]: data("jobSuccessful", (request) =>
      jobResults(request, (job) => job.successful, ["sf__Id", "sf__Created"]),
    ),
    [`GET ${DATA}/jobs/ingest/{jobId}/failedResults`]: data("jobFailed", (request) =>
      jobResults(request, (job) => job.failed, ["sf__Id", "sf__Error"]),
    ),
    [`GET ${DATA}/jobs/ingest/{jobId}/unprocessedrecords`]: data("jobUnprocessed", (request) =>
      jobResults(request, (job) => job.unprocessed, []),
    ),
    [`POST ${DATA}/jobs/query`]: data("queryJobCreate", (request) => {
      const body = request.body as { operation: "query" | "queryAll"; query: string };
      let fields: string[];
      try {
        const parsed = parseSoql(body.query);
        if (parsed.subqueries.length > 0) {
          return err(400, "API_ERROR", "Bulk API 2.0 query jobs do not support relationship subqueries");
        }
        fields = parsed.fields;
      } catch (e) {
        if (e instanceof SoqlSyntaxError) return err(400, "MALFORMED_QUERY", e.message);
        throw e;
      }
      const rows = selectRows(request, body.query, body.operation === "queryAll");
      if (!Array.isArray(rows)) return rows;
      const id = newId("750");
      const info = {
        id,
        operation: body.operation,
        object: parseSoql(body.query).object,
        createdById: "005FAKE000000000AAA",
        createdDate: now(),
        systemModstamp: now(),
        state: "UploadComplete",
        concurrencyMode: "Parallel",
        contentType: "CSV",
        apiVersion: Number(version(request)),
        lineEnding: "LF",
        columnDelimiter: "COMMA",
      };
      queryJobs.set(id, { info, rows, fields });
      return { status: 200, body: info };
    }),
    [`GET ${DATA}/jobs/query/{jobId}`]: data("queryJobPoll", (request) => {
      const job = queryJobs.get(request.params.jobId as string);
      if (!job) return err(404, "NOT_FOUND", "The requested resource does not exist");
      if (job.info.state === "UploadComplete") job.info.state = "InProgress";
      else if (job.info.state === "InProgress") {
        job.info.state = "JobComplete";
        job.info.numberRecordsProcessed = job.rows.length;
      }
      return { status: 200, body: job.info };
    }),
    [`GET ${DATA}/jobs/query/{jobId}/results`]: data("queryJobResults", (request) => {
      const job = queryJobs.get(request.params.jobId as string);
      if (!job) return err(404, "NOT_FOUND", "The requested resource does not exist");
      if (job.info.state !== "JobComplete") return err(400, "INVALIDJOBSTATE", "The job is not finished");
      const locator = request.query.get("locator");
      const offset = locator ? Number(Buffer.from(locator, "base64url").toString()) : 0;
      if (!Number.isSafeInteger(offset) || offset < 0) return err(400, "INVALID_LOCATOR", "invalid locator");
      const max = Number(request.query.get("maxRecords") ?? 50_000);
      const slice = job.rows.slice(offset, offset + max);
      const next =
        offset + max < job.rows.length ? Buffer.from(String(offset + max)).toString("base64url") : "null";
      const cells = slice.map((r) =>
        job.fields.map((f) => {
          const v = r[f];
          return v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
        }),
      );
      return {
        status: 200,
        headers: {
          "content-type": "text/csv",
          "Sforce-Locator": next,
          "Sforce-NumberOfRecords": String(slice.length),
        },
        body: stringifyCsv([job.fields, ...cells], { quoted: true }),
      };
    }),
    [`POST ${DATA}/composite`]: data(
      "composite",
      async (request, context) => {
        const body = request.body as {
          allOrNone?: boolean;
          compositeRequest: { method: string; url: string; referenceId: string; body?: unknown }[];
        };
        const results = new Map<string, unknown>();
        const out: {
          body: unknown;
          httpHeaders: Record<string, string>;
          httpStatusCode: number;
          referenceId: string;
        }[] = [];
        const marker = randomUUID();
        compositeTokens.add(marker);
        let halted = false;
        // allOrNone: one transaction — a failure rolls back what the earlier subrequests wrote.
        const snapshot = body.allOrNone === true ? snapshotStore() : undefined;
        try {
          for (const sub of body.compositeRequest) {
            if (halted) {
              out.push({
                body: [
                  {
                    errorCode: "PROCESSING_HALTED",
                    message:
                      "The transaction was rolled back since another operation in the same transaction failed.",
                  },
                ],
                httpHeaders: {},
                httpStatusCode: 400,
                referenceId: sub.referenceId,
              });
              continue;
            }
            // @{ref.field} → the value from an earlier subrequest's answer
            let unresolved = false;
            const resolve = (text: string) =>
              text.replace(
                /@\{([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z0-9_]+)\}/g,
                (_m, ref: string, field: string) => {
                  const value = (results.get(ref) as Record<string, unknown> | undefined)?.[field];
                  if (value === undefined) unresolved = true;
                  return String(value ?? "");
                },
              );
            const url = resolve(sub.url);
            const rawBody = sub.body === undefined ? "" : resolve(JSON.stringify(sub.body));
            if (unresolved || !url.startsWith("/services/data/")) {
              out.push({
                body: [
                  {
                    errorCode: "INVALID_REFERENCE",
                    message: "a reference or URL of the subrequest is not valid",
                  },
                ],
                httpHeaders: {},
                httpStatusCode: 400,
                referenceId: sub.referenceId,
              });
              halted = body.allOrNone === true;
              continue;
            }
            const headers = new Headers({
              authorization: request.headers.get("authorization") ?? "",
              "x-fake-composite": marker,
              ...(rawBody ? { "content-type": "application/json" } : {}),
            });
            const outcome = await api.handle({
              method: sub.method,
              url: new URL(url, request.url.origin),
              headers,
              rawBody,
              signal: context.signal,
            });
            const status = outcome.type === "response" ? outcome.status : 500;
            const text = outcome.type === "response" ? outcome.body : "";
            let parsed: unknown = null;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              parsed = text;
            }
            if (status < 300) results.set(sub.referenceId, parsed);
            const location: Record<string, string> =
              status === 201 && parsed && typeof parsed === "object" && "id" in parsed
                ? { Location: `${url}/${String((parsed as { id: unknown }).id)}` }
                : {};
            out.push({
              body: parsed,
              httpHeaders: location,
              httpStatusCode: status,
              referenceId: sub.referenceId,
            });
            if (status >= 400 && body.allOrNone === true) halted = true;
          }
        } finally {
          compositeTokens.delete(marker);
        }
        if (halted && snapshot) {
          restoreStore(snapshot);
          for (const answer of out) {
            if (answer.httpStatusCode < 400) {
              answer.body = [
                {
                  errorCode: "PROCESSING_HALTED",
                  message:
                    "The transaction was rolled back since another operation in the same transaction failed.",
                },
              ];
              answer.httpHeaders = {};
              answer.httpStatusCode = 400;
            }
          }
        }
        return { status: 200, body: { compositeResponse: out } };
      },
      { write: true },
    ),
    [`POST ${DATA}/composite/sobjects`]: data(
      "collectionCreate",
      (request) => {
        const parsed = collectionRecords(request);
        if ("status" in parsed) return parsed;
        for (const r of parsed.records) {
          const object = (r.attributes as { type: string }).type;
          const problem = checkFields(object, stripAttributes(r), new Set());
          if (problem) return problem;
        }
        return {
          status: 200,
          body: parsed.records.map((r) => ({
            id: insert((r.attributes as { type: string }).type, stripAttributes(r)).Id,
            success: true,
            errors: [],
          })),
        };
      },
      { write: true },
    ),
    [`PATCH ${DATA}/composite/sobjects`]: data(
      "collectionUpdate",
      (request) => {
        const parsed = collectionRecords(request);
        if ("status" in parsed) return parsed;
        return {
          status: 200,
          body: parsed.records.map((r) => {
            const object = (r.attributes as { type: string }).type;
            const { Id, ...fields } = stripAttributes(r) as { Id?: unknown };
            const record = typeof Id === "string" && objectOf(object) ? table(object).get(Id) : undefined;
            if (!record) {
              return {
                id: typeof Id === "string" ? Id : null,
                success: false,
                errors: [{ statusCode: "ENTITY_IS_DELETED", message: "entity is deleted", fields: [] }],
              };
            }
            const problem = checkFields(object, fields, new Set());
            if (problem) {
              const e = (problem.body as { errorCode: string; message: string; fields?: string[] }[])[0];
              return {
                id: record.Id,
                success: false,
                errors: [
                  {
                    statusCode: e?.errorCode ?? "INVALID_FIELD",
                    message: e?.message ?? "",
                    fields: e?.fields ?? [],
                  },
                ],
              };
            }
            update(object, record, fields);
            return { id: record.Id, success: true, errors: [] };
          }),
        };
      },
      { write: true },
    ),
  };

  const faultKinds: FaultKind[] = ["unavailable"];
  const api = createFakeApi({
    spec: salesforceOpenApi,
    routes,
    baseUrl,
    faults: {
      rate: options.unavailableRate ?? 0,
      kinds: faultKinds,
      routes: Object.keys(routes).filter((r) => !r.includes("oauth2")),
      response: () => ({
        status: 503,
        body: [{ message: "Server unavailable, try again later", errorCode: "SERVER_UNAVAILABLE" }],
      }),
    },
    seed: options.seed ?? 1,
  });

  return {
    api,
    fetch: api.fetch,
    baseUrl: api.baseUrl,
    get apiUsed() {
      return used;
    },
    apiCalls: (route) => (route === undefined ? apiCalls : (callsByRoute.get(route) ?? 0)),
    records: (object) => [...table(object).values()].filter((r) => r.IsDeleted !== true),
    insert,
    resetBudget() {
      used = 0;
    },
    expireSessions() {
      sessions.clear();
    },
    setLockRate(rate) {
      lockRate = rate;
    },
    listen: (o) => api.listen(o),
    close: () => api.close(),
  };
}
