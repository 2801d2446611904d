import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseOptions } from "@ledgerline/core";
import {
  type ContractViolation,
  createFakeApi,
  type FakeApi,
  type FakeResponse,
  type FakeServer,
  type FaultKind,
  type ListenOptions,
  loadOpenApiDocument,
} from "@ledgerline/core/testing";
import { FakeJobs, type FakeJobsState } from "./async-jobs.js";
import { errorBody } from "./fake-error.js";
import { netSuiteFakeOptionsSchema } from "./fake-options.js";
import { propertyNamesFromSpec } from "./property-names.js";
import { type DroppedProperty, netSuiteRoutes, type PropertyNameValidation } from "./routes.js";
import {
  type FakeNetSuiteState,
  type FakeRecord,
  type FakeRecordType,
  FakeStore,
  type FakeStoreChange,
} from "./store.js";
import type { FakeTbaCredentials } from "./tba-check.js";
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
  /**
   * What a write meets when it names a property the record (or a sublist line, or a reference) does not
   * have in `openapi/netsuite.yaml`, unless the request sends its own `X-NetSuite-PropertyNameValidation`:
   * `"Error"` — 400 `INVALID_CONTENT` with one `o:errorDetails` entry per unknown property (`o:errorPath`
   * names it, the value is never echoed), as NetSuite answers with the header set to `Error`; `"Warning"` —
   * NetSuite's own default: the property is dropped and the rest is written (see `droppedProperties`);
   * `"Ignore"` — dropped silently. The strict default makes a misspelled field fail a test.
   * @default "Error"
   */
  propertyNameValidation?: PropertyNameValidation;
  /** The account's custom fields (`custbody_…`, `custcol_…`, `custentity_…`), accepted on writes. @default [] */
  customFields?: readonly string[];
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
  /**
   * Calls `listener` synchronously, in commit order, with every record a write stored (and the next
   * internal id), e.g. to journal the fake's state durably; pair it with `api.onHandled` to flush before
   * the fake answers. Returns a function that removes it.
   */
  onRecordChange(listener: (change: FakeStoreChange) => void): () => void;
  /** Changes the random fault rate. */
  setFaultRate(rate: number): void;
  /** Contract violations recorded so far. */
  readonly violations: readonly ContractViolation[];
  /** Throws when any request or response broke the OpenAPI contract. */
  assertNoViolations(): void;
  /** Client assertions the token endpoint accepted. */
  readonly assertions: readonly AcceptedAssertion[];
  /** Unknown properties dropped from writes under `Warning` / `Ignore` (empty under `Error`). */
  readonly droppedProperties: readonly DroppedProperty[];
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
  parseOptions(netSuiteFakeOptionsSchema, options, "createNetSuiteFake");
  const validation = options.propertyNameValidation ?? "Error";
  if (validation !== "Error" && validation !== "Warning" && validation !== "Ignore") {
    throw new TypeError(
      'createNetSuiteFake: "propertyNameValidation" must be "Error", "Warning" or "Ignore"',
    );
  }
  const doc = loadOpenApiDocument(options.spec ?? defaultSpec());
  const dropped: DroppedProperty[] = [];
  const store = new FakeStore({ strictReferences: options.strictReferences ?? false });
  const jobs = new FakeJobs(options.asyncPollsBeforeDone ?? 1);
  const tokens = new FakeTokenEndpoint(options.token);
  const nonces = new Set<string>();
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const basePath = new URL(baseUrl).pathname;

  const seedAll = () => {
    for (const [type, records] of Object.entries(options.records ?? {})) {
      store.seed(type as FakeRecordType, records ?? []);
    }
  };
  seedAll();
  const routes = netSuiteRoutes({
    store,
    jobs,
    tokens,
    nonces,
    basePath,
    requireAuth: options.requireAuth ?? false,
    tba: options.tba,
    concurrencyLimit: options.concurrencyLimit ?? 5,
    suiteqlRowLimit: options.suiteqlRowLimit ?? 100_000,
    names: propertyNamesFromSpec(doc),
    nameValidation: validation,
    customFields: new Set(options.customFields ?? []),
    dropped,
  });

  const concurrencyRefusal = (): FakeResponse => ({
    status: 429,
    body: errorBody(429, "CONCURRENCY_LIMIT_EXCEEDED", "Concurrent request limit exceeded. Request blocked."),
  });

  const api = createFakeApi({
    spec: doc,
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
      dropped.length = 0;
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
    onRecordChange: (listener) => store.onChange(listener),
    setFaultRate: (rate) => api.setFaultRate(rate),
    get violations() {
      return api.violations;
    },
    assertNoViolations: () => api.assertNoViolations(),
    get assertions() {
      return tokens.assertions;
    },
    get droppedProperties() {
      return dropped;
    },
  };
}
