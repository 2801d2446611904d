import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseHoursMinutes, type TimeEntry } from "@ledgerline/canonical";
import { createFakeApi, type FakeApi, type RouteHandler } from "@ledgerline/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  createNetSuiteClient,
  type NetSuiteClient,
  type PostedTimeRejection,
  runBatchUpsert,
  upsertByExternalId,
} from "../src/index.js";
import { ctx, timeEntry } from "./fixtures.js";

// Response bodies written to NetSuite's documented shapes (REST API Browser, record v1; SuiteQL; async
// jobs; the error body with o:errorDetails): every key NetSuite sends for these records, references as
// {links, id, refName}, enumerations as {id, refName}, durations as "H:MM", sublists as {links} unless
// expanded. Each one is served through core's contract-validating fake (so it must match
// openapi/netsuite.yaml) and read by the client and the connector code that consumes it.
const DIR = new URL("./fixtures/netsuite/", import.meta.url);
const SPEC = fileURLToPath(new URL("../../../openapi/netsuite.yaml", import.meta.url));
const BASE = "https://123456-sb1.suitetalk.api.netsuite.com/services/rest";
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(name, DIR), "utf8")) as Record<string, unknown>;

/** Every fixture file, and the operation and status it answers. */
const FIXTURES: Record<string, { route: string; status: number }> = {
  "timebill-get.json": { route: "GET /record/v1/timeBill/{id}", status: 200 },
  "expensereport-get.json": { route: "GET /record/v1/expenseReport/{id}", status: 200 },
  "expensereport-get-expanded.json": { route: "GET /record/v1/expenseReport/{id}", status: 200 },
  "projecttask-get.json": { route: "GET /record/v1/projectTask/{id}", status: 200 },
  "invoice-get-expanded.json": { route: "GET /record/v1/invoice/{id}", status: 200 },
  "record-list-timebill.json": { route: "GET /record/v1/timeBill", status: 200 },
  "suiteql-timebill-page-1.json": { route: "POST /query/v1/suiteql", status: 200 },
  "suiteql-timebill-page-2.json": { route: "POST /query/v1/suiteql", status: 200 },
  "error-invalid-content-400.json": { route: "PUT /record/v1/timeBill/eid:{externalId}", status: 400 },
  "error-user-error-400.json": { route: "PUT /record/v1/timeBill/eid:{externalId}", status: 400 },
  "error-invalid-login-401.json": { route: "PUT /record/v1/timeBill/eid:{externalId}", status: 401 },
  "error-nonexistent-404.json": { route: "GET /record/v1/timeBill/{id}", status: 404 },
  "error-concurrency-429.json": { route: "PUT /record/v1/timeBill/eid:{externalId}", status: 429 },
  "async-job-completed.json": { route: "GET /async/v1/job/{jobId}", status: 200 },
  "async-job-tasks.json": { route: "GET /async/v1/job/{jobId}/task", status: 200 },
  "async-task-1-result.json": { route: "GET /async/v1/job/{jobId}/task/{taskId}/result", status: 200 },
  "async-task-2-result.json": { route: "GET /async/v1/job/{jobId}/task/{taskId}/result", status: 200 },
};

let api: FakeApi | undefined;

/** A client whose every request is answered by `routes`, through core's contract-validating fake. */
function serve(routes: Record<string, RouteHandler>): NetSuiteClient {
  api = createFakeApi({ spec: SPEC, baseUrl: BASE, routes });
  return createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: BASE,
    fetch: api.fetch,
    auth: { type: "none" },
    masterData: ctx,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, budget: false, refusalMaxWaitMs: 0 },
    batch: { pollIntervalMs: 1 },
  });
}

const reply =
  (name: string): RouteHandler =>
  () => ({ status: FIXTURES[name]!.status, body: fixture(name) });

afterEach(() => {
  // Every fixture served matched openapi/netsuite.yaml (a mismatch is answered 500 and recorded).
  api?.assertNoViolations();
  api = undefined;
});

describe("real-shaped NetSuite fixtures", () => {
  it("lists every fixture file (a new file must say what it answers)", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".json"));
    expect(files.sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  it("every fixture is a response the document allows for its operation and status", async () => {
    let current = "";
    const routes: Record<string, RouteHandler> = {};
    for (const { route } of Object.values(FIXTURES))
      routes[route] = (req) => reply(current)(req, undefined as never);
    api = createFakeApi({ spec: SPEC, baseUrl: BASE, routes });
    for (const [name, { route, status }] of Object.entries(FIXTURES)) {
      current = name;
      const [method, template] = route.split(" ") as [string, string];
      const path = template
        .replace("{id}", "5021")
        .replace("{externalId}", "t-1")
        .replace("{jobId}", "42")
        .replace("{taskId}", "1");
      const suiteql = template === "/query/v1/suiteql";
      const response = await api.fetch(`${BASE}${path}`, {
        method,
        headers: { "Content-Type": "application/json", ...(suiteql ? { Prefer: "transient" } : {}) },
        ...(method === "GET"
          ? {}
          : { body: JSON.stringify(suiteql ? { q: "SELECT id FROM timebill" } : {}) }),
      });
      expect(response.status, name).toBe(status);
      expect(api.violations, name).toEqual([]);
    }
  });

  it("timeBill: enumeration objects, H:MM hours and references read as NetSuite sends them", async () => {
    const netsuite = serve({ "GET /record/v1/timeBill/{id}": reply("timebill-get.json") });
    const { data } = await netsuite.http.GET("/record/v1/timeBill/{id}", {
      params: { path: { id: "5021" } },
    });
    expect(data?.timeType?.id).toBe("A");
    expect(data?.approvalStatus?.id).toBe("3");
    expect(parseHoursMinutes(data?.hours ?? "")).toBe(270);
    expect(data?.customer).toMatchObject({ id: "601", refName: "Acme Ltd : Acme data platform" });
  });

  it("expenseReport: a plain read carries only the sublist's link; an expanded one its lines", async () => {
    const netsuite = serve({
      "GET /record/v1/expenseReport/{id}": (req) =>
        req.query.get("expandSubResources") === "true"
          ? reply("expensereport-get-expanded.json")(req, undefined as never)
          : reply("expensereport-get.json")(req, undefined as never),
    });
    const plain = await netsuite.http.GET("/record/v1/expenseReport/{id}", {
      params: { path: { id: "8001" } },
    });
    expect(plain.data?.expense?.items).toBeUndefined();
    expect(plain.data?.expense?.links?.[0]?.href).toMatch(/\/expensereport\/8001\/expense$/);
    expect(plain.data).toMatchObject({ supervisorapproval: true, accountingapproval: false });

    const { data } = await netsuite.http.GET("/record/v1/expenseReport/{id}", {
      params: { path: { id: "8001" }, query: { expandSubResources: true } },
    });
    const lines = data?.expense?.items ?? [];
    expect(lines.map((l) => [l.line, l.id, l.expensedate, l.isnonreimbursable])).toEqual([
      ["1", 1, "2026-11-16", true],
      ["2", 2, "2026-11-18", false],
    ]);
    expect(data?.expensereportcurrency?.id).toBe("2");
    // The header's totals agree with the lines' flags: company-paid lines are not owed to the employee.
    const nonReimbursable = lines.filter((l) => l.isnonreimbursable).reduce((s, l) => s + (l.amount ?? 0), 0);
    expect(nonReimbursable).toBe((data as { nonreimbursable?: number }).nonreimbursable);
  });

  it("projectTask: project, startDateTime, status and duration strings", async () => {
    const netsuite = serve({ "GET /record/v1/projectTask/{id}": reply("projecttask-get.json") });
    const { data } = await netsuite.http.GET("/record/v1/projectTask/{id}", {
      params: { path: { id: "701" } },
    });
    expect(data?.project?.id).toBe("601");
    expect(data?.status?.id).toBe("PROGRESS");
    expect(Number.isNaN(Date.parse(data?.startDateTime ?? ""))).toBe(false);
    expect(parseHoursMinutes(data?.plannedWork ?? "")).toBe(40 * 60);
    expect(data).not.toHaveProperty("company");
  });

  it("invoice: billable time lines carry quantity as a duration", async () => {
    const netsuite = serve({ "GET /record/v1/invoice/{id}": reply("invoice-get-expanded.json") });
    const { data } = await netsuite.http.GET("/record/v1/invoice/{id}", {
      params: { path: { id: "9001" }, query: { expandSubResources: true } },
    });
    const time = data?.time?.items?.[0];
    expect(parseHoursMinutes(time?.quantity ?? "")).toBe(270);
    expect(time?.doc?.id).toBe("5021");
    expect(data?.expCost?.items?.[0]?.doc?.id).toBe("8001");
    expect(data?.itemCost?.items).toBeUndefined();
  });

  it("record list: ids and paging links", async () => {
    const netsuite = serve({ "GET /record/v1/timeBill": reply("record-list-timebill.json") });
    const { data } = await netsuite.http.GET("/record/v1/timeBill", { params: { query: { limit: 2 } } });
    expect(data?.items.map((i) => i.id)).toEqual(["5021", "5022"]);
    expect(data).toMatchObject({ hasMore: true, totalResults: 3 });
  });

  it("SuiteQL pages: listPostedTime reads every row (strings, T/F, '.83' hours, omitted nulls)", async () => {
    const netsuite = serve({
      "POST /query/v1/suiteql": (req) =>
        reply(
          req.query.get("offset") === "2" ? "suiteql-timebill-page-2.json" : "suiteql-timebill-page-1.json",
        )(req, undefined as never),
    });
    const entries: TimeEntry[] = [];
    const rejected: PostedTimeRejection[] = [];
    for await (const entry of netsuite.listPostedTime({
      from: "2026-11-01",
      to: "2026-11-30",
      pageSize: 2,
      onRejected: (r) => rejected.push(r),
    })) {
      entries.push(entry);
    }
    expect(rejected).toEqual([]);
    expect(entries.map((e) => [e.key, e.minutes, e.billable, e.approval.state])).toEqual([
      ["kantata-time_entries-1", 270, true, "approved"],
      ["kantata-time_entries-2", 50, false, "submitted"],
      ["netsuite-timebill-5023", 480, true, "approved"],
    ]);
    expect(entries[0]).toMatchObject({
      task: { ids: { netsuite: "701" } },
      dimensions: { costCenter: "CC-100", practice: "DATA", region: "EMEA", legalEntity: "UK" },
    });
  });

  it("error bodies become typed errors with o:errorCode and o:errorPath; content errors reject the record", async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ["error-invalid-content-400.json", { status: 400, vendorCode: "INVALID_CONTENT", path: "employee" }],
      ["error-user-error-400.json", { status: 400, vendorCode: "USER_ERROR" }],
      ["error-invalid-login-401.json", { status: 401, vendorCode: "INVALID_LOGIN" }],
      ["error-concurrency-429.json", { status: 429, vendorCode: "CONCURRENCY_LIMIT_EXCEEDED" }],
    ];
    for (const [name, expected] of cases) {
      const netsuite = serve({ "PUT /record/v1/timeBill/eid:{externalId}": reply(name) });
      await expect(
        upsertByExternalId(netsuite.http, netsuite.suiteql, "timeBill", "t-1", { tranDate: "2026-11-16" }),
        name,
      ).rejects.toMatchObject(expected);
      api?.assertNoViolations();
    }
    const netsuite = serve({
      "PUT /record/v1/timeBill/eid:{externalId}": reply("error-invalid-content-400.json"),
    });
    const report = await netsuite.postTime([timeEntry("1")]);
    expect(report.results[0]).toMatchObject({
      status: "rejected",
      field: "employee",
      issues: [expect.objectContaining({ code: "INVALID_CONTENT" })],
    });
  });

  it("404 NONEXISTENT_ID on a read is a typed error", async () => {
    const netsuite = serve({ "GET /record/v1/timeBill/{id}": reply("error-nonexistent-404.json") });
    await expect(
      netsuite.http.GET("/record/v1/timeBill/{id}", { params: { path: { id: "99999" } } }),
    ).rejects.toMatchObject({ status: 404, vendorCode: "NONEXISTENT_ID" });
  });

  it("async batch: job status, task list and per-task results become per-record outcomes", async () => {
    const netsuite = serve({
      "PUT /record/v1/timeBill": () => ({
        status: 202,
        headers: { Location: `${BASE}/async/v1/job/42` },
      }),
      "GET /async/v1/job/{jobId}": reply("async-job-completed.json"),
      "GET /async/v1/job/{jobId}/task": reply("async-job-tasks.json"),
      "GET /async/v1/job/{jobId}/task/{taskId}/result": (req) =>
        reply(`async-task-${req.params.taskId}-result.json`)(req, undefined as never),
    });
    const outcomes = await runBatchUpsert(
      netsuite.http,
      "timeBill",
      [
        { externalId: "kantata-time_entries-1", tranDate: "2026-11-16" },
        { externalId: "kantata-time_entries-2", tranDate: "2026-11-17" },
      ],
      { pollIntervalMs: 1, resolveIds: "task-results" },
    );
    expect(outcomes[0]).toEqual({ ok: true, internalId: "5021" });
    expect(outcomes[1]).toMatchObject({
      ok: false,
      error: { status: 400, vendorCode: "INVALID_CONTENT", path: "customer" },
    });
  });
});
