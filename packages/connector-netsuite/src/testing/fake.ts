import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type ContractViolation,
  createFakeApi,
  type FakeApi,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  type FaultKind,
  type ListenOptions,
  type RouteDefinition,
  type RouteHandler,
} from "@ledgerline/core/testing";
import { FakeJobs, type FakeJobsState, type TaskOutcome } from "./async-jobs.js";
import { errorBody, FakeNetSuiteError } from "./fake-error.js";
import {
  type FakeNetSuiteState,
  type FakeRecord,
  type FakeRecordType,
  FakeStore,
  READ_ONLY_TYPES,
  WRITABLE_TYPES,
} from "./store.js";
import { parseQuery, runQuery, SUITEQL_TABLES } from "./suiteql-engine.js";
import { type FakeTbaCredentials, tbaProblem } from "./tba-check.js";
import { type AcceptedAssertion, FakeTokenEndpoint, type FakeTokenOptions } from "./token-endpoint.js";

/** Options of {@link createNetSuiteFake}. */
export interface NetSuiteFakeOptions {
  /** The OpenAPI document to validate against. @default the package's `openapi/netsuite.yaml` */
  spec?: string | object;
  /** Base URL the fake serves (in-process `fetch`, msw). @default `https://123456-sb1.suitetalk.api.netsuite.com/services/rest` */
  baseUrl?: string;
  /**
   * Requests the account accepts at once; more in flight → 429 `CONCURRENCY_LIMIT_EXCEEDED`.
   * @default 5 (a Standard / development account)
   */
  concurrencyLimit?: number;
  /** Probability (0–1) that a record, async or SuiteQL request meets a fault. @default 0 */
  faultRate?: number;
  /**
   * Faults drawn at `faultRate`. @default ["rate-limit-no-retry-after", "unavailable", "connection-reset", "timeout-after-commit"]
   * (429 CONCURRENCY_LIMIT_EXCEEDED, 503, a reset before the write, a dropped connection after the write)
   */
  faultKinds?: readonly FaultKind[];
  /** How long a `timeout-after-commit` fault holds the connection before dropping it. @default 1000 */
  timeoutAfterCommitMs?: number;
  /** Random delay on every request (makes concurrency visible). */
  latency?: { minMs: number; maxMs: number };
  /** Seed of fault and latency decisions. @default 1 */
  seed?: number;
  /** Records present from the start (employees, departments, customers …), by type. */
  records?: Partial<Record<FakeRecordType, Array<Record<string, unknown>>>>;
  /** Refuse writes whose references (`employee`, `customer`, `department` …) point to no stored record. @default false */
  strictReferences?: boolean;
  /** Polls an async job answers `pending` before it reports completion. @default 1 */
  asyncPollsBeforeDone?: number;
  /**
   * Require `Authorization` on every record, async and SuiteQL call: a bearer token issued by the fake's token
   * endpoint, or an OAuth 1.0a header with `realm`, HMAC-SHA256 and a signature. Missing → 401 `INVALID_LOGIN`.
   * @default false
   */
  requireAuth?: boolean;
  /** What the token endpoint accepts. */
  token?: FakeTokenOptions;
  /** TBA credentials: with `requireAuth`, OAuth 1.0a signatures are then verified (query parameters included). */
  tba?: FakeTbaCredentials;
  /** Rows SuiteQL returns at most. @default 100000 */
  suiteqlRowLimit?: number;
}

/** A stateful, contract-validating NetSuite fake. */
export interface NetSuiteFake {
  /** The underlying core fake (request log, counters, `injectFault`, msw handlers). */
  readonly api: FakeApi;
  /** In-process `fetch` to give the client (`createNetSuiteClient({ fetch: fake.fetch, baseUrl: fake.baseUrl })`). */
  readonly fetch: FakeApi["fetch"];
  /** Base URL served in process. */
  readonly baseUrl: string;
  /** Serves the fake over HTTP on 127.0.0.1; `server.url` is the REST root to configure as `baseUrl`. */
  listen(options?: ListenOptions): Promise<FakeServer>;
  /** Stops every server started by `listen()`. */
  close(): Promise<void>;
  /** Clears records, jobs, tokens, counters and violations, then re-seeds `records`. */
  reset(): void;
  /** Every stored record of a type (copies). */
  records(type: FakeRecordType): FakeRecord[];
  /** One record by internal id or `eid:<externalId>`. */
  record(type: FakeRecordType, id: string): FakeRecord | undefined;
  /** Adds records (reference data such as employees or departments). */
  seed(type: FakeRecordType, records: Array<Record<string, unknown>>): void;
  /** External ids stored more than once per type — empty unless something posted twice. */
  duplicateExternalIds(): Array<{ type: FakeRecordType; externalId: string; count: number }>;
  /** JSON snapshot of records and async jobs, to persist between runs. */
  exportState(): NetSuiteFakeSnapshot;
  /** Restores a snapshot from {@link exportState}. */
  importState(snapshot: NetSuiteFakeSnapshot): void;
  /** Changes the random fault rate. */
  setFaultRate(rate: number): void;
  /** Contract violations recorded so far. */
  readonly violations: readonly ContractViolation[];
  /** Throws when any request or response broke the OpenAPI contract. */
  assertNoViolations(): void;
  /** Client assertions the token endpoint accepted. */
  readonly assertions: readonly AcceptedAssertion[];
}

/** A persisted fake state. */
export interface NetSuiteFakeSnapshot extends FakeNetSuiteState {
  jobs?: FakeJobsState;
}

/** The OpenAPI document: shipped in `dist/openapi/` by the build, or the repository's `openapi/` from source. */
function defaultSpec(): string {
  const candidates = [
    "./openapi/netsuite.yaml",
    "../openapi/netsuite.yaml",
    "../../../../openapi/netsuite.yaml",
  ];
  for (const candidate of candidates) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error("createNetSuiteFake: openapi/netsuite.yaml not found; pass the `spec` option");
}
const DEFAULT_BASE_URL = "https://123456-sb1.suitetalk.api.netsuite.com/services/rest";
const COLLECTION = "application/vnd.oracle.resource+json; type=collection";

/**
 * Creates a stateful NetSuite fake on `@ledgerline/core/testing`: every request and response is validated
 * against `openapi/netsuite.yaml`; records live in memory with NetSuite's semantics (POST → 204 +
 * `Location`, upsert by external id never duplicates, `replace=` for sublists), errors use NetSuite's body
 * (`o:errorDetails`), concurrency beyond the account limit answers 429 `CONCURRENCY_LIMIT_EXCEEDED`, batch
 * bodies run as async jobs, and SuiteQL understands simple `SELECT … FROM … WHERE col op ? AND …` queries.
 * @example
 * const fake = createNetSuiteFake({ records: { employee: [{ id: "301", entityId: "Ada" }] } });
 * const client = createNetSuiteClient({ accountId: "123456_SB1", baseUrl: fake.baseUrl, fetch: fake.fetch, auth: { type: "none" } });
 */
export function createNetSuiteFake(options: NetSuiteFakeOptions = {}): NetSuiteFake {
  const store = new FakeStore({ strictReferences: options.strictReferences ?? false });
  const jobs = new FakeJobs(options.asyncPollsBeforeDone ?? 1);
  const tokens = new FakeTokenEndpoint(options.token);
  const nonces = new Set<string>();
  const rowLimit = options.suiteqlRowLimit ?? 100_000;
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const basePath = new URL(baseUrl).pathname;
  const rootOf = (request: FakeRequest) => `${request.url.origin}${basePath}`;

  const seedAll = () => {
    for (const [type, records] of Object.entries(options.records ?? {})) {
      store.seed(type as FakeRecordType, records ?? []);
    }
  };
  seedAll();

  /** Wraps a handler: auth check, NetSuite error bodies for thrown FakeNetSuiteErrors. */
  const guarded = (handler: RouteHandler): RouteHandler => {
    return async (request, context) => {
      try {
        if (options.requireAuth) checkAuth(request, tokens, options.tba, nonces);
        return await handler(request, context);
      } catch (error) {
        if (error instanceof FakeNetSuiteError) return { status: error.status, body: error.toBody() };
        throw error;
      }
    };
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
          runTask(() => store.create(type, item), type, root, item.externalId),
        );
        return jobs.submit(tasks, req.headers.get("x-netsuite-idempotency-key"), root);
      }
      const outcome = store.create(type, asObject(req.body));
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
            return store.upsert(type, externalId, item, replaceOf(req));
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
      const outcome = store.upsert(type, externalId, asObject(req.body), replaceOf(req));
      return written(rootOf(req), type, outcome.id);
    });
    add(`GET ${collection}/{id}`, (req) => getOne(type, req));
    add(`PATCH ${collection}/{id}`, (req) => {
      const outcome = store.update(type, req.params.id ?? "", asObject(req.body), replaceOf(req));
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
    return { status: 200, body: withLinks(record, `${rootOf(req)}/record/v1/${type}/${record.id}`) };
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
    const rows = runQuery(parsed, store.list(type), params);
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
      accountConcurrencyLimit: options.concurrencyLimit ?? 5,
      accountUnallocatedConcurrencyLimit: options.concurrencyLimit ?? 5,
      integrationConcurrencyLimit: options.concurrencyLimit ?? 5,
      integrationLimitType: "ACCOUNT",
    },
  }));

  routes["POST /auth/oauth2/v1/token"] = { handler: (req) => tokens.handle(req), faults: false };

  const concurrencyRefusal = (): FakeResponse => ({
    status: 429,
    body: errorBody(429, "CONCURRENCY_LIMIT_EXCEEDED", "Concurrent request limit exceeded. Request blocked."),
  });

  const api = createFakeApi({
    spec: options.spec ?? defaultSpec(),
    baseUrl,
    routes,
    faults: {
      rate: options.faultRate ?? 0,
      kinds: options.faultKinds ?? [
        "rate-limit-no-retry-after",
        "unavailable",
        "connection-reset",
        "timeout-after-commit",
      ],
      timeoutAfterCommitMs: options.timeoutAfterCommitMs ?? 1000,
      response: (kind) =>
        kind === "unavailable"
          ? {
              status: 503,
              body: errorBody(503, "UNEXPECTED_ERROR", "The service is temporarily unavailable."),
            }
          : concurrencyRefusal(),
    },
    governance: { maxInFlight: options.concurrencyLimit ?? 5, response: concurrencyRefusal },
    ...(options.latency ? { latency: options.latency } : {}),
    seed: options.seed ?? 1,
    onReset: () => {
      store.clear();
      jobs.clear();
      tokens.clear();
      nonces.clear();
      seedAll();
    },
  });

  return {
    api,
    fetch: api.fetch,
    baseUrl: api.baseUrl,
    listen: (listenOptions) => api.listen(listenOptions),
    close: () => api.close(),
    reset: () => api.reset(),
    records: (type) => store.list(type),
    record: (type, id) => store.get(type, id),
    seed: (type, records) => store.seed(type, records),
    duplicateExternalIds: () => store.duplicateExternalIds(),
    exportState: () => ({ ...store.exportState(), jobs: jobs.exportState() }),
    importState: (snapshot) => {
      store.importState(snapshot);
      jobs.importState(snapshot.jobs);
    },
    setFaultRate: (rate) => api.setFaultRate(rate),
    get violations() {
      return api.violations;
    },
    assertNoViolations: () => api.assertNoViolations(),
    get assertions() {
      return tokens.assertions;
    },
  };
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
