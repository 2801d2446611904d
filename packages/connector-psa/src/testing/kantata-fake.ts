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
import type { components } from "../generated/kantata.js";
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
import { writeRoutes } from "./kantata-writes.js";

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
  /**
   * Send `meta` in list responses. Kantata often omits it (and clients must not depend on it), so the fake
   * omits it by default; `count` is always sent. @default false
   */
  meta?: boolean | undefined;
  /**
   * Whether the token has financial access. Without it Kantata leaves the workspaces' financial
   * attributes out (`currency`, `price`, `price_in_cents`, `budget_used`, `over_budget` …), and so does
   * the fake. @default true
   */
  financialAccess?: boolean | undefined;
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
  /**
   * Submits expenses for approval as Kantata does: creates a `pending` expense report submission listing
   * them and points each expense's `active_submission_id` and `recent_submission_id` at it. Returns it.
   */
  submitExpenses(
    expenseIds: readonly string[],
    fields?: Partial<KantataRecordTypes["expense_report_submissions"]>,
  ): KantataRecordTypes["expense_report_submissions"];
  /**
   * Resolves an expense report submission: sets its status and current resolution. A rejected or cancelled
   * submission is no longer its expenses' active one (`active_submission_id` becomes null,
   * `recent_submission_id` still names it). Expenses themselves never carry an approval attribute.
   */
  resolveExpenseReport(
    submissionId: string,
    status: "approved" | "rejected" | "cancelled",
    resolution?: {
      creatorId?: string | undefined;
      description?: string | undefined;
      on?: string | undefined;
    },
  ): void;
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
  const shape = { meta: options.meta ?? false, financialAccess: options.financialAccess ?? true };
  const authorized =
    (handler: (request: FakeRequest) => FakeResponse) =>
    (request: FakeRequest): FakeResponse => {
      const token = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim();
      if (token === undefined || token === "" || !accepts(token)) {
        return kantataError(401, "oauth", "Invalid OAuth 2 Bearer token");
      }
      return handler(request);
    };
  const answer = (out: { status: number; body: unknown }): FakeResponse => ({
    status: out.status,
    headers: { "content-type": "application/json" },
    body: out.body,
  });
  /** Show and update answer the list envelope with the one record (`only=<id>`), includes resolved. */
  const one = (key: KantataKey, id: string, query: URLSearchParams): FakeResponse => {
    if (store.get(key, id) === undefined) return kantataError(404, "system", "Not found");
    const { page: _p, per_page: _pp, ...rest } = Object.fromEntries(query);
    return answer(listRecords(store, key, { ...rest, only: id }, shape));
  };
  const routes: Record<string, (request: FakeRequest) => FakeResponse> = Object.fromEntries(
    KANTATA_KEYS.map((key) => [
      LIST_ROUTES[key],
      authorized((request) => answer(listRecords(store, key, Object.fromEntries(request.query), shape))),
    ]),
  );
  for (const key of SHOWN_KEYS) {
    routes[`GET /${key}/{id}.json`] = authorized((request) =>
      one(key, request.params.id ?? "", request.query),
    );
  }
  for (const key of UPDATABLE_KEYS) {
    routes[`PUT /${key}/{id}.json`] = authorized((request) => {
      const id = request.params.id ?? "";
      if (store.get(key, id) === undefined) return kantataError(404, "system", "Not found");
      const body = request.body as Record<string, unknown> | undefined;
      const patch = body?.[SINGULAR[key]];
      if (typeof patch !== "object" || patch === null || Array.isArray(patch)) {
        return kantataError(422, "validation", `expected a "${SINGULAR[key]}" object`);
      }
      const { id: _id, created_at: _c, updated_at: _u, ...fields } = patch as Record<string, unknown>;
      store.update(key, id, fields as Partial<KantataRecordTypes[typeof key]>);
      return one(key, id, request.query);
    });
  }
  // Workspace create and external reference create-or-update (see kantata-writes.ts).
  for (const [route, handler] of Object.entries(writeRoutes({ store, one, error: kantataError }))) {
    routes[route] = authorized(handler);
  }
  routes["POST /assignments.json"] = authorized((request) => {
    // The OpenAPI validator has already refused a body without `story_id` and `assignee_id`.
    const fields = (
      request.body as { assignment: { story_id: string; assignee_id: string; resource_id?: string } }
    ).assignment;
    if (store.get("stories", fields.story_id) === undefined) {
      return kantataError(422, "validation", "story_id does not name a story");
    }
    const created = store.insert("assignments", {
      story_id: fields.story_id,
      assignee_id: fields.assignee_id,
      resource_id: fields.resource_id ?? null,
      current: true,
      allocated_minutes: null,
      estimated_minutes: null,
    });
    return one("assignments", created.id, new URLSearchParams());
  });
  routes["PUT /timesheet_submissions/{id}/approve.json"] = authorized((request) => {
    const id = request.params.id ?? "";
    if (store.get("timesheet_submissions", id) === undefined) return kantataError(404, "system", "Not found");
    fake.resolveTimesheet(id, "approved");
    return one("timesheet_submissions", id, request.query);
  });
  routes["PUT /expense_report_submissions/{id}/approve.json"] = authorized((request) => {
    const id = request.params.id ?? "";
    if (store.get("expense_report_submissions", id) === undefined) {
      return kantataError(404, "system", "Not found");
    }
    const description = (request.body as { resolution?: { description?: unknown } } | undefined)?.resolution
      ?.description;
    fake.resolveExpenseReport(id, "approved", typeof description === "string" ? { description } : {});
    return one("expense_report_submissions", id, request.query);
  });
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

  const fake: KantataFake = {
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
    submitExpenses(expenseIds, fields = {}) {
      const expenses = expenseIds.map((id) => {
        const expense = store.get("expenses", id);
        if (expense === undefined) throw new Error(`No expenses record with id ${id}`);
        return expense;
      });
      const first = expenses[0];
      if (first === undefined) throw new Error("submitExpenses: give at least one expense id");
      const submission = store.insert("expense_report_submissions", {
        title: `Expenses ${first.date}`,
        type: "ExpenseReportSubmission",
        status: "pending",
        comment: null,
        resolution_description: null,
        current_resolution_description: null,
        current_resolution_creator_id: null,
        current_resolution_created_at_date: null,
        submitted_at: null,
        line_item_total_in_cents: expenses.reduce((sum, e) => sum + e.amount_in_cents, 0),
        currency: first.currency,
        expense_ids: [...expenseIds],
        workspace_id: first.workspace_id,
        user_id: first.user_id,
        ...fields,
      });
      for (const expense of expenses) {
        store.update("expenses", expense.id, {
          active_submission_id: submission.id,
          recent_submission_id: submission.id,
        });
      }
      return submission;
    },
    resolveExpenseReport(submissionId, status, resolution = {}) {
      const submission = store.get("expense_report_submissions", submissionId);
      if (submission === undefined)
        throw new Error(`No expense_report_submissions record with id ${submissionId}`);
      const on = resolution.on ?? store.now().slice(0, 10);
      store.update("expense_report_submissions", submissionId, {
        status,
        resolution_description: resolution.description ?? null,
        current_resolution_description: resolution.description ?? null,
        current_resolution_creator_id: resolution.creatorId ?? null,
        current_resolution_created_at_date: on,
      });
      if (status === "approved") return;
      for (const id of submission.expense_ids) {
        const expense = store.get("expenses", id);
        if (expense?.active_submission_id === submissionId) {
          store.update("expenses", id, { active_submission_id: null });
        }
      }
    },
    setFaultRate: (rate) => api.setFaultRate(rate),
    assertNoViolations: () => api.assertNoViolations(),
    reset: () => api.reset(),
    exportState: () => store.exportState(),
    importState: (state) => store.importState(state),
  };
  return fake;
}

/** Kantata subject types that take external references, and the map that holds them. */

/** Types with a show endpoint (`GET /{type}/{id}.json`) in `openapi/kantata.yaml`. */
const SHOWN_KEYS = [
  "workspaces",
  "time_entries",
  "expenses",
  "users",
  "timesheet_submissions",
  "expense_report_submissions",
] as const satisfies readonly KantataKey[];

/** Types with an update endpoint (`PUT /{type}/{id}.json`), with the singular name of their request body. */
const UPDATABLE_KEYS = [
  "workspaces",
  "time_entries",
  "expenses",
  "users",
] as const satisfies readonly KantataKey[];
const SINGULAR: Record<(typeof UPDATABLE_KEYS)[number], string> = {
  workspaces: "workspace",
  time_entries: "time_entry",
  expenses: "expense",
  users: "user",
};

function kantataError(
  status: number,
  type: "oauth" | "system" | "validation",
  message: string,
  field?: string,
): FakeResponse {
  const body: KantataErrorBody = { errors: [{ type, message, ...(field === undefined ? {} : { field }) }] };
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
