import { parseOptions } from "@ledgerline/core";
import {
  createFakeApi,
  type FakeApi,
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  type FaultKind,
  type FaultResponseKind,
  type GovernanceOptions,
  type ListenOptions,
} from "@ledgerline/core/testing";
import { kantataOpenApi } from "../generated/kantata-spec.js";
import {
  KANTATA_KEYS,
  type KantataErrorBody,
  type KantataKey,
  type KantataRecordTypes,
} from "../kantata-types.js";
import { kantataFakeOptionsSchema } from "./fake-options.js";
import { listRecords } from "./kantata-list.js";
import { type KantataSeed, type KantataState, KantataStore } from "./kantata-store.js";

/** Transient faults the Kantata fake injects by default when `faults.rate` > 0. */
export const KANTATA_DEFAULT_FAULTS: readonly FaultKind[] = [
  "rate-limit-no-retry-after",
  "unavailable",
  "connection-reset",
  "timeout-after-commit",
];

/** Options of {@link createKantataFake}. */
export interface KantataFakeOptions {
  /** Records to start with (see {@link KantataSeed}); also loadable later with `seed()`. */
  seed?: KantataSeed | undefined;
  /**
   * Bearer tokens the fake accepts: one token, a list, or a predicate. Others get Kantata's 401
   * `{ errors: [{ type: "oauth", … }] }`. @default any non-empty bearer token
   */
  tokens?: string | readonly string[] | ((token: string) => boolean) | undefined;
  /** Seeded transient faults: 429 (Kantata sends no rate-limit headers), 503, resets, timeouts after commit. */
  faults?:
    | {
        /** Probability 0–1 that a request gets a fault. @default 0 */
        rate?: number | undefined;
        /** @default {@link KANTATA_DEFAULT_FAULTS} */
        kinds?: readonly FaultKind[] | Partial<Record<FaultKind, number>> | undefined;
        /** How long a timeout-after-commit holds the connection. @default 1000 */
        timeoutAfterCommitMs?: number | undefined;
      }
    | undefined;
  /** Concurrency governance (429 beyond `maxInFlight` requests at once). */
  governance?: Pick<GovernanceOptions, "maxInFlight"> | undefined;
  /** Random delay added to every request. */
  latency?: { minMs: number; maxMs: number } | undefined;
  /** Seed of fault decisions. @default 1 */
  randomSeed?: number | undefined;
  /** Clock for `created_at` / `updated_at`. @default () => new Date() */
  now?: (() => Date) | undefined;
  /** Base URL of msw handlers / the in-process fetch. @default "https://api.mavenlink.com/api/v1" */
  baseUrl?: string | undefined;
}

/** A stateful fake of the Kantata OX API v1 subset in `openapi/kantata.yaml`. */
export interface KantataFake {
  /** The underlying `@ledgerline/core/testing` fake: contract violations, request log, fault controls. */
  readonly api: FakeApi;
  /** The records it serves. */
  readonly store: KantataStore;
  /** In-process `fetch` (pass as `createPsaClient({ fetch, baseUrl: fake.baseUrl })`). */
  readonly fetch: FakeApi["fetch"];
  /** Base URL for the in-process `fetch`. */
  readonly baseUrl: string;
  /** Serves the fake over HTTP on 127.0.0.1; `server.url` is the API root (…/api/v1). */
  listen(options?: ListenOptions): Promise<FakeServer>;
  /** Stops every server started by `listen()`. */
  close(): Promise<void>;
  /** Adds records (ids, `created_at`, `updated_at` assigned when absent); returns them as stored. */
  seed(data: KantataSeed): { [K in KantataKey]: KantataRecordTypes[K][] };
  /** Edits a record as a Kantata user would: applies `patch` and bumps `updated_at` (e.g. "edited after approval"). */
  edit<K extends KantataKey>(
    key: K,
    id: string,
    patch: Partial<KantataRecordTypes[K]>,
  ): KantataRecordTypes[K];
  /**
   * Resolves a timesheet submission: sets its status and, when `"approved"`, marks its time entries
   * approved (each edit bumps `updated_at`, as approval does in Kantata).
   */
  resolveTimesheet(submissionId: string, status: "approved" | "rejected"): void;
  /** Changes the random fault rate (0 disables faults). */
  setFaultRate(rate: number): void;
  /** Throws if any request or response broke the OpenAPI contract. */
  assertNoViolations(): void;
  /** Removes every record and clears the request log, counters, violations and queued faults. */
  reset(): void;
  /** Every record as plain JSON. */
  exportState(): KantataState;
  /** Replaces every record with a snapshot from `exportState()`. */
  importState(state: KantataState): void;
}

const LIST_ROUTES: Record<KantataKey, string> = Object.fromEntries(
  KANTATA_KEYS.map((key) => [key, `GET /${key}.json`]),
) as Record<KantataKey, string>;

/**
 * Creates a stateful Kantata OX fake on `@ledgerline/core/testing`'s `createFakeApi`: every request and
 * response is validated against `openapi/kantata.yaml`; lists answer Kantata's envelope with paging
 * (`per_page` ≤ 200, `page_count`), includes and filters (`approved`, `updated_after`,
 * `date_performed_between`, `workspace_id`, `only`, `order` …); errors use Kantata's
 * `{ errors: [{ type, message, field? }] }` body.
 *
 * @example
 * ```ts
 * const fake = createKantataFake({ seed: { users: [{ full_name: "Ada Lovelace" }] }, faults: { rate: 0.2 } });
 * const server = await fake.listen();
 * const psa = createPsaClient({ auth: "test", baseUrl: server.url });
 * ```
 */
export function createKantataFake(options: KantataFakeOptions = {}): KantataFake {
  parseOptions(kantataFakeOptionsSchema, options, "createKantataFake");
  const store = new KantataStore(options.now);
  const accepts = tokenCheck(options.tokens);
  const routes = Object.fromEntries(
    KANTATA_KEYS.map((key) => [
      LIST_ROUTES[key],
      (request: FakeRequest): FakeResponse => {
        const token = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim();
        if (token === undefined || token === "" || !accepts(token)) {
          return kantataError(401, "oauth", "Invalid OAuth 2 Bearer token");
        }
        const out = listRecords(store, key, Object.fromEntries(request.query));
        return { status: out.status, headers: { "content-type": "application/json" }, body: out.body };
      },
    ]),
  );
  const api = createFakeApi({
    spec: kantataOpenApi,
    routes,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    faults: {
      rate: options.faults?.rate ?? 0,
      kinds: options.faults?.kinds ?? KANTATA_DEFAULT_FAULTS,
      ...(options.faults?.timeoutAfterCommitMs !== undefined
        ? { timeoutAfterCommitMs: options.faults.timeoutAfterCommitMs }
        : {}),
      response: faultResponse,
    },
    ...(options.governance ? { governance: { maxInFlight: options.governance.maxInFlight } } : {}),
    ...(options.latency ? { latency: options.latency } : {}),
    seed: options.randomSeed ?? 1,
    onReset: () => store.reset(),
  });
  if (options.seed) store.seed(options.seed);

  return {
    api,
    store,
    fetch: api.fetch,
    baseUrl: api.baseUrl,
    listen: (listenOptions) => api.listen(listenOptions),
    close: () => api.close(),
    seed: (data) => store.seed(data),
    edit: (key, id, patch) => store.update(key, id, patch),
    resolveTimesheet(submissionId, status) {
      store.update("timesheet_submissions", submissionId, { status });
      if (status !== "approved") return;
      for (const entry of store.all("time_entries")) {
        if (entry.active_submission_id === submissionId && !entry.approved) {
          store.update("time_entries", entry.id, { approved: true });
        }
      }
    },
    setFaultRate: (rate) => api.setFaultRate(rate),
    assertNoViolations: () => api.assertNoViolations(),
    reset: () => api.reset(),
    exportState: () => store.exportState(),
    importState: (state) => store.importState(state),
  };
}

function kantataError(
  status: number,
  type: "oauth" | "system" | "validation",
  message: string,
): FakeResponse {
  const body: KantataErrorBody = { errors: [{ type, message }] };
  return { status, headers: { "content-type": "application/json" }, body };
}

function faultResponse(kind: FaultResponseKind): FakeResponse {
  if (kind === "unavailable") return kantataError(503, "system", "Service temporarily unavailable");
  return kantataError(429, "system", "Too many requests; retry after a small delay");
}

function tokenCheck(tokens: KantataFakeOptions["tokens"]): (token: string) => boolean {
  if (tokens === undefined) return () => true;
  if (typeof tokens === "function") return tokens;
  const allowed = new Set(typeof tokens === "string" ? [tokens] : tokens);
  return (token) => allowed.has(token);
}
