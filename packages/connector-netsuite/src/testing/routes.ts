import type { FakeRequest, FakeResponse, RouteDefinition, RouteHandler } from "@ledgerline/core/testing";
import type { FakeJobs, TaskOutcome } from "./async-jobs.js";
import { FakeNetSuiteError } from "./fake-error.js";
import type { PropertyNames } from "./property-names.js";
import {
  type FakeRecord,
  type FakeRecordType,
  type FakeStore,
  READ_ONLY_TYPES,
  WRITABLE_TYPES,
} from "./store.js";
import { externalIdsOf, parseQuery, runQuery, SUITEQL_TABLES } from "./suiteql-engine.js";
import { type FakeTbaCredentials, tbaProblem } from "./tba-check.js";
import type { FakeTokenEndpoint } from "./token-endpoint.js";

const COLLECTION = "application/vnd.oracle.resource+json; type=collection";

/** What the fake's routes work on. */
export interface FakeRouteState {
  store: FakeStore;
  jobs: FakeJobs;
  tokens: FakeTokenEndpoint;
  nonces: Set<string>;
  /** Path of the REST root, e.g. `/services/rest`. */
  basePath: string;
  requireAuth: boolean;
  tba: FakeTbaCredentials | undefined;
  concurrencyLimit: number;
  suiteqlRowLimit: number;
  /** The real property names of each record type (from the OpenAPI document). */
  names: PropertyNames;
  /** What an unknown property name meets when a write sends no `X-NetSuite-PropertyNameValidation`. */
  nameValidation: PropertyNameValidation;
  /** Account custom fields accepted on writes (`custbody_…`, `custcol_…`). */
  customFields: ReadonlySet<string>;
  /** Unknown properties dropped under `Warning` / `Ignore`, oldest first. */
  dropped: DroppedProperty[];
}

/** How NetSuite treats a property name the record does not have (`X-NetSuite-PropertyNameValidation`). */
export type PropertyNameValidation = "Error" | "Warning" | "Ignore";

/** A property the fake dropped from a write under `Warning` or `Ignore`. */
export interface DroppedProperty {
  type: FakeRecordType;
  /** JSON path in the request body, e.g. `expense.items[0].expenseDate`. */
  path: string;
  validation: Exclude<PropertyNameValidation, "Error">;
}

/** NetSuite's routes, keyed `"METHOD /path"` as in `openapi/netsuite.yaml`, over the fake's state. */
export function netSuiteRoutes(state: FakeRouteState): Record<string, RouteDefinition> {
  const { store, jobs, tokens, nonces, basePath } = state;
  const rowLimit = state.suiteqlRowLimit;
  const rootOf = (request: FakeRequest) => `${request.url.origin}${basePath}`;
  /** Wraps a handler: auth check, NetSuite error bodies for thrown FakeNetSuiteErrors. */
  const guarded = (handler: RouteHandler): RouteHandler => {
    return async (request, context) => {
      try {
        if (state.requireAuth) checkAuth(request, tokens, state.tba, nonces);
        return await handler(request, context);
      } catch (error) {
        if (error instanceof FakeNetSuiteError) return { status: error.status, body: error.toBody() };
        throw error;
      }
    };
  };

  /**
   * NetSuite's property-name validation on a write body: under `Error` an unknown name is refused with 400
   * `INVALID_CONTENT` and one `o:errorDetails` entry per unknown property, naming it and its path (never its
   * value); under `Warning` / `Ignore` it is dropped and the rest is written.
   */
  const checkNames = (type: FakeRecordType, req: FakeRequest, body: Record<string, unknown>) => {
    const header = req.headers.get("x-netsuite-propertynamevalidation");
    const mode: PropertyNameValidation =
      header === "Error" || header === "Warning" || header === "Ignore" ? header : state.nameValidation;
    const { unknown, cleaned } = state.names.check(type, body, state.customFields);
    if (unknown.length === 0) return body;
    if (mode === "Error") {
      const [first, ...rest] = unknown.map((u) => ({
        detail: `Error while accessing a resource. The ${type} record has no property named "${u.name}".`,
        errorPath: u.path,
      }));
      throw new FakeNetSuiteError(400, "INVALID_CONTENT", first!.detail, first!.errorPath, rest);
    }
    for (const u of unknown) state.dropped.push({ type, path: u.path, validation: mode });
    return cleaned;
  };

  const routes: Record<string, RouteDefinition> = {};
  const add = (route: string, handler: RouteHandler, faults = true) => {
    routes[route] = { handler: guarded(handler), faults };
  };

  for (const type of WRITABLE_TYPES) {
    const collection = `/record/v1/${type}`;
    add(`GET ${collection}`, (req) => list(store.list(type), req, rootOf(req), type));
    add(`POST ${collection}`, (req) => {
      const root = rootOf(req);
      if (isCollection(req)) {
        requireAsync(req);
        const items = batchItems(req);
        const tasks = items.map((item) =>
          runTask(() => store.create(type, checkNames(type, req, item)), type, root, item.externalId),
        );
        return jobs.submit(tasks, req.headers.get("x-netsuite-idempotency-key"), root);
      }
      const outcome = store.create(type, checkNames(type, req, asObject(req.body)));
      return written(root, type, outcome.id);
    });
    add(`PUT ${collection}`, (req) => {
      const root = rootOf(req);
      requireAsync(req);
      const tasks = batchItems(req).map((item) => {
        const externalId = item.externalId;
        return runTask(
          () => {
            if (typeof externalId !== "string") {
              throw new FakeNetSuiteError(
                400,
                "INVALID_CONTENT",
                "Upsert requires an external ID.",
                "externalId",
              );
            }
            return store.upsert(type, externalId, checkNames(type, req, item), replaceOf(req));
          },
          type,
          root,
          externalId,
        );
      });
      return jobs.submit(tasks, req.headers.get("x-netsuite-idempotency-key"), root);
    });
    add(`PUT ${collection}/eid:{externalId}`, (req) => {
      const externalId = req.params.externalId ?? "";
      const outcome = store.upsert(
        type,
        externalId,
        checkNames(type, req, asObject(req.body)),
        replaceOf(req),
      );
      return written(rootOf(req), type, outcome.id);
    });
    add(`GET ${collection}/{id}`, (req) => getOne(type, req));
    if (type === "journalEntry") {
      // `eid:` addresses a record wherever an internal id does; the spec lists the read for journal entries.
      add(`GET ${collection}/eid:{externalId}`, (req) =>
        getOne(type, { ...req, params: { ...req.params, id: `eid:${req.params.externalId ?? ""}` } }),
      );
    }
    add(`PATCH ${collection}/{id}`, (req) => {
      const outcome = store.update(
        type,
        req.params.id ?? "",
        checkNames(type, req, asObject(req.body)),
        replaceOf(req),
      );
      return written(rootOf(req), type, outcome.id);
    });
  }
  for (const type of READ_ONLY_TYPES) {
    add(`GET /record/v1/${type}`, (req) => list(store.list(type), req, rootOf(req), type));
    add(`GET /record/v1/${type}/{id}`, (req) => getOne(type, req));
  }

  function getOne(type: FakeRecordType, req: FakeRequest): FakeResponse {
    const record = store.get(type, req.params.id ?? "");
    if (!record) {
      throw new FakeNetSuiteError(
        404,
        "NONEXISTENT_ID",
        `The record instance does not exist. Type: ${type}, id: ${req.params.id}.`,
      );
    }
    const self = `${rootOf(req)}/record/v1/${type}/${record.id}`;
    return {
      status: 200,
      body: withLinks(
        withSublists(withRefs(record, rootOf(req)), self, req.query.get("expandSubResources") === "true"),
        self,
      ),
    };
  }

  /** References in a record and in its sublist lines, read back as NetSuite does (`links`, `refName`). */
  function withRefs(record: FakeRecord, root: string): FakeRecord {
    const expand = (fields: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, store.expandRef(k, v, root)]));
    const out = expand(record);
    for (const [field, value] of Object.entries(out)) {
      const items = (value as { items?: unknown } | null)?.items;
      if (SUBLIST_FIELDS.has(field) && Array.isArray(items)) {
        out[field] = {
          ...(value as object),
          items: items.map((line) => expand(line as Record<string, unknown>)),
        };
      }
    }
    return out as FakeRecord;
  }

  add("GET /async/v1/job/{jobId}", (req) => jobs.job(req.params.jobId ?? "", rootOf(req)));
  add("GET /async/v1/job/{jobId}/task", (req) => jobs.tasks(req.params.jobId ?? "", rootOf(req)));
  add("GET /async/v1/job/{jobId}/task/{taskId}", (req) =>
    jobs.task(req.params.jobId ?? "", req.params.taskId ?? "", rootOf(req)),
  );
  add("GET /async/v1/job/{jobId}/task/{taskId}/result", (req) =>
    jobs.result(req.params.jobId ?? "", req.params.taskId ?? ""),
  );

  add("POST /query/v1/suiteql", (req) => {
    const limit = Number(req.query.get("limit") ?? 1000);
    const offset = Number(req.query.get("offset") ?? 0);
    if (offset % limit !== 0) {
      throw new FakeNetSuiteError(
        400,
        "INVALID_PARAMETER",
        "The offset must be divisible by the limit.",
        "offset",
      );
    }
    if (offset >= rowLimit) {
      throw new FakeNetSuiteError(
        400,
        "INVALID_PARAMETER",
        `SuiteQL returns at most ${rowLimit} rows.`,
        "offset",
      );
    }
    const { q, params = [] } = asObject(req.body) as { q: string; params?: unknown[] };
    const parsed = parseQuery(q);
    const type = SUITEQL_TABLES[parsed.table] as FakeRecordType;
    // By external id: read just those records (in id order, as the table is), not the whole table.
    const externalIds = Array.isArray(params) ? externalIdsOf(parsed, params) : undefined;
    const candidates = externalIds
      ? [...new Set(externalIds)]
          .map((eid) => store.get(type, `eid:${eid}`))
          .filter((r): r is NonNullable<typeof r> => r !== undefined)
          .sort((a, b) => Number(a.id) - Number(b.id))
      : store.list(type);
    const rows = runQuery(parsed, candidates, params);
    const page = rows.slice(offset, Math.min(offset + limit, rowLimit));
    const hasMore = offset + page.length < Math.min(rows.length, rowLimit);
    const self = `${rootOf(req)}/query/v1/suiteql?limit=${limit}&offset=${offset}`;
    return {
      status: 200,
      body: {
        links: [
          { rel: "self", href: self },
          ...(hasMore
            ? [
                {
                  rel: "next",
                  href: `${rootOf(req)}/query/v1/suiteql?limit=${limit}&offset=${offset + limit}`,
                },
              ]
            : []),
        ],
        count: page.length,
        offset,
        totalResults: rows.length,
        hasMore,
        items: page.map((row) => ({ links: [], ...row })),
      },
    };
  });

  add("GET /system/v1/governanceLimits", () => ({
    status: 200,
    body: {
      accountConcurrencyLimit: state.concurrencyLimit,
      accountUnallocatedConcurrencyLimit: state.concurrencyLimit,
      integrationConcurrencyLimit: state.concurrencyLimit,
      integrationLimitType: "ACCOUNT",
    },
  }));

  routes["POST /auth/oauth2/v1/token"] = { handler: (req) => tokens.handle(req), faults: false };

  return routes;
}

function isCollection(req: FakeRequest): boolean {
  return (
    (req.headers.get("content-type") ?? "").replace(/\s+/g, "").toLowerCase() ===
    COLLECTION.replace(/\s+/g, "")
  );
}

function requireAsync(req: FakeRequest): void {
  if (!/respond-async/i.test(req.headers.get("prefer") ?? "")) {
    throw new FakeNetSuiteError(
      400,
      "INVALID_REQUEST",
      "Batch requests must be sent with 'Prefer: respond-async'.",
      "Prefer",
    );
  }
}

function batchItems(req: FakeRequest): Array<Record<string, unknown>> {
  const items = (asObject(req.body) as { items?: unknown }).items;
  if (!Array.isArray(items) || items.length === 0 || items.length > 100) {
    throw new FakeNetSuiteError(400, "INVALID_CONTENT", "A batch holds 1 to 100 records.", "items");
  }
  return items.map(asObject);
}

function replaceOf(req: FakeRequest): string[] {
  return (req.query.get("replace") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function asObject(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new FakeNetSuiteError(400, "INVALID_CONTENT", "The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

function written(root: string, type: string, id: string): FakeResponse {
  return { status: 204, headers: { Location: `${root}/record/v1/${type}/${id}` } };
}

function runTask(write: () => { id: string }, type: string, root: string, externalId: unknown): TaskOutcome {
  try {
    const { id } = write();
    return {
      ok: true,
      id,
      recordUrl: `${root}/record/v1/${type}/${id}`,
      externalId: typeof externalId === "string" ? externalId : undefined,
    };
  } catch (error) {
    if (error instanceof FakeNetSuiteError) return { ok: false, error: error.toBody() };
    throw error;
  }
}

/**
 * Sublists as NetSuite returns them: without `expandSubResources` only a link to the sublist
 * (`{ links: [{ rel: "self", href: …/expense }] }`); with it, the lines too, each with its own link, and the
 * collection's paging fields.
 */
function withSublists(record: FakeRecord, self: string, expand: boolean): FakeRecord {
  const out: Record<string, unknown> = { ...record };
  for (const [field, value] of Object.entries(record)) {
    if (!SUBLIST_FIELDS.has(field) || !value || typeof value !== "object") continue;
    const href = `${self}/${field}`;
    const links = [{ rel: "self", href }];
    if (!expand) {
      out[field] = { links };
      continue;
    }
    const items = Array.isArray((value as { items?: unknown }).items)
      ? ((value as { items: Array<Record<string, unknown>> }).items ?? [])
      : [];
    out[field] = {
      links,
      count: items.length,
      hasMore: false,
      offset: 0,
      totalResults: items.length,
      items: items.map((line, i) => ({
        links: [{ rel: "self", href: `${href}/${line.line ?? i + 1}` }],
        ...line,
      })),
    };
  }
  return out as FakeRecord;
}

const SUBLIST_FIELDS = new Set(["expense", "item", "time", "expCost", "itemCost"]);

function withLinks(record: FakeRecord, href: string): Record<string, unknown> {
  return { links: [{ rel: "self", href }], ...record };
}

function list(records: FakeRecord[], req: FakeRequest, root: string, type: string): FakeResponse {
  const limit = Number(req.query.get("limit") ?? 1000);
  const offset = Number(req.query.get("offset") ?? 0);
  const page = records.slice(offset, offset + limit);
  return {
    status: 200,
    body: {
      links: [{ rel: "self", href: `${root}/record/v1/${type}` }],
      count: page.length,
      hasMore: offset + page.length < records.length,
      offset,
      totalResults: records.length,
      items: page.map((r) => ({
        id: r.id,
        links: [{ rel: "self", href: `${root}/record/v1/${type}/${r.id}` }],
      })),
    },
  };
}

function checkAuth(
  req: FakeRequest,
  tokens: FakeTokenEndpoint,
  tba: FakeTbaCredentials | undefined,
  nonces: Set<string>,
): void {
  const header = req.headers.get("authorization") ?? "";
  if (header.startsWith("Bearer ") && tokens.issued.has(header.slice(7))) return;
  if (header.startsWith("OAuth ")) {
    const problem = tba
      ? tbaProblem(req, tba, nonces)
      : /realm="[^"]+"/.test(header) &&
          /oauth_signature_method="HMAC-SHA256"/.test(header) &&
          /oauth_signature="[^"]+"/.test(header)
        ? undefined
        : "malformed OAuth header";
    if (!problem) return;
  }
  throw new FakeNetSuiteError(
    401,
    "INVALID_LOGIN",
    "Invalid login attempt. For more details, see the Login Audit Trail.",
  );
}
