import { AuthError, BadRequestError, RateLimitError } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import type { SyncCheckpoint } from "../src/checkpoint.js";
import { createPsaClient } from "../src/client.js";
import { walkEnvelope } from "../src/envelope.js";
import type { KantataEnvelope } from "../src/kantata-types.js";
import { createKantataFake, type KantataFake } from "../src/testing/index.js";
import type { KantataSeed } from "../src/testing/kantata-store.js";

/** A small Kantata account: 2 clients, 2 projects, 3 consultants, 12 time entries, 3 expenses. */
function seedData(): KantataSeed {
  const entries = Array.from({ length: 12 }, (_, i) => ({
    id: String(5000 + i),
    date_performed: `2026-11-${String(2 + (i % 5)).padStart(2, "0")}`,
    time_in_minutes: 60 + i * 15,
    billable: i % 4 !== 3,
    rate_in_cents: 15_000,
    cost_rate_in_cents: 8_000,
    currency: "USD",
    currency_base_unit: 100,
    approved: i % 3 !== 2,
    is_invoiced: false,
    workspace_id: i < 8 ? "100" : "101",
    story_id: i < 8 ? "300" : null,
    user_id: String(10 + (i % 3)),
    active_submission_id: i % 3 === 2 ? "400" : null,
    notes: null,
  }));
  return {
    users: ["Ada Lovelace", "Alan Turing", "Grace Hopper"].map((full_name, i) => ({
      id: String(10 + i),
      full_name,
      email_address: `${full_name.split(" ")[0]?.toLowerCase()}@example.com`,
      headline: "Consultant",
    })),
    workspace_groups: [
      { id: "200", name: "Globex", company: true, workspace_ids: ["100"] },
      { id: "201", name: "Initech", company: true, workspace_ids: ["101"] },
    ],
    workspaces: [
      {
        id: "100",
        title: "Globex ERP rollout",
        currency: "USD",
        price_in_cents: 50_000_000,
        status: { color: "green", key: 310, message: "Active" },
        require_time_approvals: true,
        require_expense_approvals: true,
        stories_are_fixed_fee_by_default: false,
        primary_maven_id: "10",
      },
      {
        id: "101",
        title: "Initech audit",
        currency: "USD",
        price_in_cents: null,
        status: { color: "grey", key: 500, message: "Completed" },
        require_time_approvals: true,
        require_expense_approvals: false,
      },
    ],
    stories: [
      {
        id: "300",
        title: "Design",
        story_type: "task",
        workspace_id: "100",
        state: "started",
        billable: true,
      },
      {
        id: "301",
        title: "Go-live",
        story_type: "milestone",
        workspace_id: "100",
        state: "not started",
        billable: true,
        budget_estimate_in_cents: 1_000_000,
      },
    ],
    timesheet_submissions: [{ id: "400", status: "pending", workspace_id: "100", user_id: "12" }],
    time_entries: entries,
    expenses: [
      {
        id: "600",
        date: "2026-11-03",
        amount_in_cents: 12_345,
        currency: "USD",
        category: "Travel",
        is_billable: true,
        reimbursable: true,
        workspace_id: "100",
        user_id: "10",
        active_submission_id: "700",
        recent_submission_id: "700",
      },
      {
        id: "601",
        date: "2026-11-04",
        amount_in_cents: 5_000,
        currency: "USD",
        category: "Food",
        is_billable: false,
        reimbursable: true,
        workspace_id: "100",
        user_id: "11",
        active_submission_id: "701",
        recent_submission_id: "701",
      },
      {
        id: "602",
        date: "2026-11-05",
        amount_in_cents: 99_900,
        currency: "USD",
        category: "Lodging",
        is_billable: true,
        reimbursable: true,
        workspace_id: "101",
        user_id: "12",
        active_submission_id: null,
        recent_submission_id: null,
      },
    ],
    expense_report_submissions: [
      { id: "700", status: "approved", expense_ids: ["600"], workspace_id: "100", user_id: "10" },
      { id: "701", status: "approved", expense_ids: ["601"], workspace_id: "100", user_id: "11" },
    ],
  };
}

let fake: KantataFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function setup(options: Parameters<typeof createKantataFake>[0] = {}) {
  let t = Date.parse("2026-11-10T08:00:00Z");
  fake = createKantataFake({
    seed: seedData(),
    tokens: "secret-token",
    now: () => {
      t += 1000;
      return new Date(t);
    },
    ...options,
  });
  const psa = createPsaClient({
    auth: "secret-token",
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    retry: { maxAttempts: 6, baseDelayMs: 1, maxDelayMs: 5, budget: false },
  });
  return { fake, psa };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("PSA client against the Kantata fake (requests and responses validated against openapi/kantata.yaml)", () => {
  it("reads approved time entries in results order across pages, with includes resolved", async () => {
    const { fake, psa } = setup();
    const client = createPsaClient({
      auth: "secret-token",
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      perPage: 3,
    });
    const reads = await collect(client.approvedTimeEntries());
    expect(reads.every((r) => r.ok)).toBe(true);
    const values = reads.flatMap((r) => (r.ok ? [r.value] : []));
    expect(values).toHaveLength(8);
    // Kantata's default order: date_performed descending (ties by id)
    const dates = values.map((v) => v.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(values[0]?.resource.name).toMatch(/Ada|Alan|Grace/);
    expect(values.find((v) => v.key === "kantata-time_entries-5000")).toMatchObject({
      project: { name: "Globex ERP rollout" },
      task: { name: "Design" },
      approval: { state: "approved" },
      billRate: { amount: "150.00", currency: "USD" },
      minutes: 60,
    });
    expect(fake.api.calls("GET /time_entries.json")).toBe(3);
    fake.assertNoViolations();
    await expect(collect(psa.timeEntries({ approved: false }))).resolves.toHaveLength(4);
  });

  it("reports approval state for all entries, telling pending submissions apart", async () => {
    const { fake, psa } = setup();
    const reads = await collect(
      psa.timeEntries({ workspaceIds: ["100"], datePerformed: { from: "2026-11-02", to: "2026-11-06" } }),
    );
    const states = new Map(reads.flatMap((r) => (r.ok ? [[r.value.source.id, r.value.approval.state]] : [])));
    expect(states.size).toBe(8);
    expect(states.get("5002")).toBe("submitted");
    expect(states.get("5000")).toBe("approved");
    fake.assertNoViolations();
  });

  it("maps projects with their client group, milestones, resources, clients and expenses", async () => {
    const { fake, psa } = setup();
    const projects = await collect(psa.projects());
    expect(
      projects.map((p) => (p.ok ? [p.value.name, p.value.client.name, p.value.status.code] : p.error)),
    ).toEqual([
      ["Globex ERP rollout", "Globex", "active"],
      ["Initech audit", "Initech", "completed"],
    ]);
    const milestones = await collect(psa.milestones());
    expect(milestones).toHaveLength(1);
    expect(milestones[0]?.ok && milestones[0].value.amount).toEqual({ amount: "10000.00", currency: "USD" });
    expect((await collect(psa.resources())).map((r) => r.ok && r.value.name)).toEqual([
      "Ada Lovelace",
      "Alan Turing",
      "Grace Hopper",
    ]);
    expect(await collect(psa.clients())).toHaveLength(2);
    const billable = await collect(psa.billableExpenses());
    expect(billable.map((r) => [r.source.id, r.ok])).toEqual([
      ["600", true],
      ["601", false],
      ["602", false],
    ]);
    const rejected = billable[1];
    expect(rejected?.ok === false && rejected.error.issues[0]?.path).toBe("is_billable");
    const unapproved = billable[2];
    expect(unapproved?.ok === false && unapproved.error.issues[0]?.path).toBe("active_submission_id");
    expect((await collect(psa.expenses())).map((r) => r.ok && r.value.approval.state)).toEqual([
      "approved",
      "approved",
      "draft",
    ]);
    fake.assertNoViolations();
  });

  it("tracks expense approval on stateful expense report submissions: pending, approved, rejected", async () => {
    const { fake, psa } = setup();
    const pending = fake.submitExpenses(["602"]);
    const stateOf = async () =>
      new Map((await collect(psa.expenses())).map((r) => [r.source.id, r.ok && r.value.approval.state]));
    expect((await stateOf()).get("602")).toBe("submitted");
    expect((await collect(psa.billableExpenses())).find((r) => r.source.id === "602")?.ok).toBe(false);
    fake.resolveExpenseReport(pending.id, "rejected", { creatorId: "10", description: "no receipt" });
    expect(fake.store.get("expenses", "602")).toMatchObject({
      active_submission_id: null,
      recent_submission_id: pending.id,
    });
    // no longer active, so not side-loaded: listed by id (only=) and known as rejected, not guessed
    expect((await stateOf()).get("602")).toBe("rejected");
    const again = fake.submitExpenses(["602"]);
    await psa.http.PUT("/expense_report_submissions/{id}/approve.json", {
      params: { path: { id: again.id } },
      body: { resolution: { description: "OK" } },
    });
    expect(fake.store.get("expense_report_submissions", again.id)?.status).toBe("approved");
    const billable = (await collect(psa.billableExpenses())).find((r) => r.source.id === "602");
    expect(billable?.ok && billable.value.approval.state).toBe("approved");
    // Kantata has no approved filter on expenses: the fake never filters on a field expenses do not have
    expect(fake.store.all("expenses").some((e) => "approved" in e)).toBe(false);
    fake.assertNoViolations();
  });

  it("creates an assignment from story_id and assignee_id (resource_id optional), in the list envelope", async () => {
    const { fake, psa } = setup();
    const { data } = await psa.http.POST("/assignments.json", {
      body: { assignment: { story_id: "300", assignee_id: "10" } },
    });
    const [created] = walkEnvelope(data as KantataEnvelope, "assignments");
    expect(created?.record).toMatchObject({
      story_id: "300",
      assignee_id: "10",
      resource_id: null,
      current: true,
    });
    fake.assertNoViolations();
    // without assignee_id the request breaks the contract: the fake refuses it and records a violation
    await expect(
      psa.http.POST("/assignments.json", {
        body: { assignment: { story_id: "300" } } as unknown as {
          assignment: { story_id: string; assignee_id: string };
        },
      }),
    ).rejects.toThrow();
    expect(fake.api.violations.length).toBeGreaterThan(0);
  });

  it("answers like Kantata: no meta unless asked, no financial fields without financial access", async () => {
    const { fake } = setup({ financialAccess: false });
    const psa = createPsaClient({
      token: "secret-token",
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      perPage: 1,
    });
    const page = await psa.fetchPage("workspaces", { page: 1, per_page: 1 });
    expect(page).not.toHaveProperty("meta");
    expect(Object.values(page.workspaces ?? {})[0]).not.toHaveProperty("currency");
    const projects = await collect(psa.projects());
    // paging without meta: pages of one until a short (empty) page
    expect(projects).toHaveLength(2);
    expect(projects.every((p) => !p.ok && p.error.issues[0]?.path === "currency")).toBe(true);
    const withCurrency = createPsaClient({
      token: "secret-token",
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      defaultCurrency: "USD",
    });
    expect((await collect(withCurrency.projects())).every((p) => p.ok && p.value.currency === "USD")).toBe(
      true,
    );
    fake.assertNoViolations();
  });

  it("lets the caller name the client from a workspace's external references (e.g. a CRM account)", async () => {
    const { fake, psa } = setup();
    fake.seed({
      external_references: [
        {
          subject_type: "Workspace",
          subject_id: "101",
          service_name: "Salesforce",
          service_model: "Account",
          service_model_ref: "001XYZ",
        },
      ],
    });
    const projects = await collect(
      psa.projects({
        clientFor: (_workspace, { externalReferences }) => {
          const account = externalReferences.find((r) => r.service_name === "Salesforce");
          return account
            ? { key: `salesforce-account-${account.service_model_ref.toLowerCase()}` }
            : undefined;
        },
      }),
    );
    expect(projects.map((p) => p.ok && p.value.client.key)).toEqual([
      "kantata-workspace_groups-200",
      "salesforce-account-001xyz",
    ]);
    fake.assertNoViolations();
  });

  it("syncs incrementally: a persisted checkpoint resumes without loss or duplication", async () => {
    const { fake } = setup();
    const client = createPsaClient({
      auth: "secret-token",
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      perPage: 5,
    });
    const seen: string[] = [];
    let checkpoint: SyncCheckpoint | undefined;
    for await (const page of client.syncTimeEntries()) {
      seen.push(...page.records.map((r) => r.source.id));
      checkpoint = JSON.parse(JSON.stringify(page.checkpoint)) as SyncCheckpoint;
      break; // crash after the first page
    }
    expect(seen).toHaveLength(5);
    for await (const page of client.syncTimeEntries({ checkpoint })) {
      seen.push(...page.records.map((r) => r.source.id));
      checkpoint = page.checkpoint;
    }
    expect(seen.slice().sort()).toEqual(Array.from({ length: 12 }, (_, i) => String(5000 + i)));

    // approved, then edited after approval: the next sync delivers the new version once
    fake.resolveTimesheet("400", "approved");
    fake.edit("time_entries", "5001", { time_in_minutes: 75 });
    const next: string[] = [];
    for await (const page of client.syncTimeEntries({ checkpoint, approved: true })) {
      next.push(...page.records.map((r) => (r.ok ? `${r.source.id}:${r.value.approval.state}` : r.key)));
      checkpoint = page.checkpoint;
    }
    expect(next.sort()).toEqual([
      "5001:approved",
      "5002:approved",
      "5005:approved",
      "5008:approved",
      "5011:approved",
    ]);
    const again = await collect(client.syncTimeEntries({ checkpoint }));
    expect(again.flatMap((p) => p.records)).toEqual([]);
    fake.assertNoViolations();
  });

  it("records a contract violation when a request breaks the document (per_page over 200)", async () => {
    const { fake, psa } = setup();
    const err = await psa.fetchPage("time_entries", { per_page: 500 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(fake.api.violations.map((v) => v.kind)).toEqual(["request"]);
    expect(fake.api.violations[0]?.message).toMatch(/per_page/);
    expect(() => fake.assertNoViolations()).toThrow(/per_page/);
  });

  it("uses a TokenProvider: on Kantata's 401 core invalidates the token and retries once", async () => {
    const { fake } = setup();
    let current = "expired-token";
    const invalidated: (string | undefined)[] = [];
    const psa = createPsaClient({
      auth: {
        getToken: async () => current,
        invalidate: (rejected) => {
          invalidated.push(rejected);
          current = "secret-token";
        },
      },
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      retry: false,
    });
    await expect(collect(psa.resources())).resolves.toHaveLength(3);
    expect(invalidated).toEqual(["expired-token"]);
  });

  it("maps Kantata error bodies to typed errors", async () => {
    const { fake } = setup();
    const wrong = createPsaClient({ auth: "stale", baseUrl: fake.baseUrl, fetch: fake.fetch, retry: false });
    const auth = await wrong
      .pages("users")
      .next()
      .catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(AuthError);
    expect((auth as AuthError).vendorCode).toBe("oauth");
    expect((auth as AuthError).message).not.toContain("stale");

    const psa = createPsaClient({
      auth: "secret-token",
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      retry: false,
    });
    const bad = await psa
      .pages("time_entries", { order: "colour:asc" })
      .next()
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
    expect((bad as BadRequestError).vendorCode).toBe("validation");
    expect((bad as BadRequestError).path).toBe("order");
  });

  it("retries 429 and 503 through core, and gives up with RateLimitError", async () => {
    const { fake, psa } = setup();
    fake.api.injectFault("rate-limit-no-retry-after", { route: "GET /users.json", times: 2 });
    fake.api.injectFault("unavailable", { route: "GET /users.json", times: 1 });
    await expect(collect(psa.resources())).resolves.toHaveLength(3);
    expect(fake.api.calls("GET /users.json")).toBe(4);

    fake.api.injectFault("rate-limit-no-retry-after", { route: "GET /users.json", times: 10 });
    const err = await collect(psa.resources()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).attempts).toBe(6);
  });

  it("serves over real HTTP on 127.0.0.1 and survives 30 % transient faults with the same result", async () => {
    const { fake } = setup({ faults: { rate: 0.3, timeoutAfterCommitMs: 20 }, randomSeed: 7 });
    const server = await fake.listen();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    const psa = createPsaClient({
      auth: "secret-token",
      baseUrl: server.url,
      perPage: 2,
      timeoutMs: 2000,
      retry: { maxAttempts: 10, baseDelayMs: 1, maxDelayMs: 5, budget: false },
    });
    const reads = await collect(psa.timeEntries());
    expect(reads.map((r) => r.source.id).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => String(5000 + i)),
    );
    expect(fake.api.requests.some((r) => r.fault !== undefined)).toBe(true);
    fake.assertNoViolations();
  });

  it("reset() empties the fake and exportState/importState restore it", async () => {
    const { fake, psa } = setup();
    const state = fake.exportState();
    fake.reset();
    await expect(collect(psa.resources())).resolves.toEqual([]);
    fake.importState(state);
    await expect(collect(psa.resources())).resolves.toHaveLength(3);
  });
});
