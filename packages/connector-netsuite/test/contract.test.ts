import { MemoryLedger } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { createNetSuiteClient, type NetSuiteClientConfig, upsertByExternalId } from "../src/index.js";
import { createNetSuiteFake, type NetSuiteFake, type NetSuiteFakeOptions } from "../src/testing/index.js";
import { client, ctx, expense, invoiceEvent, project, timeEntry } from "./fixtures.js";

let fake: NetSuiteFake;

function setup(fakeOptions: NetSuiteFakeOptions = {}, config: Partial<NetSuiteClientConfig> = {}) {
  fake = createNetSuiteFake(fakeOptions);
  const netsuite = createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    auth: { type: "none" },
    masterData: ctx,
    retry: { baseDelayMs: 1, maxDelayMs: 5, budget: false },
    batch: { pollIntervalMs: 1 },
    ...config,
  });
  return netsuite;
}

afterEach(async () => {
  // Every request the connector sent and every response the fake gave matched openapi/netsuite.yaml.
  fake.assertNoViolations();
  await fake.close();
});

describe("NetSuite connector against the fake (contract)", () => {
  it("upserts a client, its project and an approved time entry; a second post updates, never duplicates", async () => {
    const ledger = new MemoryLedger();
    const netsuite = setup({}, { ledger });
    const customer = await netsuite.upsertClient(client);
    expect(customer).toMatchObject({ status: "written", type: "customer", key: client.key });
    // The project's client has no ids.netsuite here: it is resolved through the ledger.
    const job = await netsuite.upsertProject({ ...project, client: { key: client.key } });
    expect(job.status).toBe("written");
    expect(fake.record("job", job.internalId!)?.parent).toEqual({ id: customer.internalId });

    const first = await netsuite.postTimeEntry(timeEntry("1"));
    const second = await netsuite.postTimeEntry(timeEntry("1"));
    expect(first).toMatchObject({ status: "written" });
    expect(second).toEqual({ ...first, status: "unchanged" });
    const changed = await netsuite.postTimeEntry(timeEntry("1", { minutes: 300 }));
    expect(changed).toMatchObject({ status: "written", internalId: first.internalId });

    expect(fake.records("timeBill")).toHaveLength(1);
    expect(fake.records("timeBill")[0]).toMatchObject({
      externalId: "kantata-time_entries-1",
      hours: "5:00",
    });
    expect(fake.duplicateExternalIds()).toEqual([]);
  });

  it("without a ledger, posting the same time twice still leaves one timeBill (upsert by external id)", async () => {
    const netsuite = setup();
    const entries = [timeEntry("1"), timeEntry("2"), timeEntry("3")];
    await netsuite.postTime(entries);
    const again = await netsuite.postTime(entries);
    expect(again).toMatchObject({ input: 3, written: 3, failed: 0, mode: "single" });
    expect(fake.records("timeBill")).toHaveLength(3);
    expect(fake.duplicateExternalIds()).toEqual([]);
  });

  it("timeouts after commit are retried as idempotent upserts and leave one timeBill per entry", async () => {
    const netsuite = setup({ timeoutAfterCommitMs: 400 }, { timeoutMs: 250 });
    fake.api.injectFault("timeout-after-commit", {
      route: "PUT /record/v1/timeBill/eid:{externalId}",
      times: 2,
    });
    const report = await netsuite.postTime([timeEntry("1"), timeEntry("2")], { concurrency: 1 });
    expect(report).toMatchObject({ input: 2, written: 2, failed: 0 });
    expect(fake.api.handled("PUT /record/v1/timeBill/eid:{externalId}")).toBe(4);
    expect(fake.records("timeBill")).toHaveLength(2);
    expect(fake.duplicateExternalIds()).toEqual([]);
  });

  it("never posts unapproved time and rejects it with a reason", async () => {
    const netsuite = setup();
    const draft = { ...timeEntry("9"), approval: { state: "submitted" as const } };
    const report = await netsuite.postTime([draft, timeEntry("1")]);
    expect(report).toMatchObject({ input: 2, written: 1, rejected: 1 });
    expect(report.results.find((r) => r.key === draft.key)).toMatchObject({
      status: "rejected",
      field: "approval.state",
      issues: [expect.objectContaining({ code: "APPROVAL_REQUIRED" })],
    });
    expect(fake.record("timeBill", `eid:${draft.key}`)).toBeUndefined();
  });

  it("files NetSuite's content errors under rejected with o:errorCode and o:errorPath", async () => {
    const netsuite = setup({ strictReferences: true, records: { job: [{ id: "601", companyName: "P" }] } });
    const report = await netsuite.postTime([timeEntry("1")]);
    expect(report.rejected).toBe(1);
    expect(report.results[0]).toMatchObject({
      status: "rejected",
      field: "employee",
      issues: [expect.objectContaining({ path: "employee", code: "USER_ERROR" })],
    });
  });

  it("retries 429 CONCURRENCY_LIMIT_EXCEEDED and 503 and still writes each record once", async () => {
    const netsuite = setup({}, { retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 5, budget: false } });
    fake.api.injectFault("rate-limit-no-retry-after", { times: 2 });
    fake.api.injectFault("unavailable", { times: 1 });
    const report = await netsuite.postTime([timeEntry("1"), timeEntry("2")]);
    expect(report).toMatchObject({ written: 2, failed: 0 });
    expect(fake.records("timeBill")).toHaveLength(2);
  });

  it("concurrency beyond the account limit answers 429 and the adaptive limit backs off", async () => {
    const netsuite = setup(
      { concurrencyLimit: 2, latency: { minMs: 5, maxMs: 10 } },
      {
        limits: { maxConcurrency: 8 },
        retry: { baseDelayMs: 1, maxDelayMs: 10, maxAttempts: 10, budget: false },
      },
    );
    const entries = Array.from({ length: 16 }, (_, i) => timeEntry(String(i)));
    const report = await netsuite.postTime(entries, { mode: "single", concurrency: 16 });
    expect(report).toMatchObject({ input: 16, written: 16, failed: 0 });
    expect(fake.api.requests.some((r) => r.fault === "governance")).toBe(true);
    expect(netsuite.http.limiter.concurrency).toBeLessThan(8);
    expect(fake.records("timeBill")).toHaveLength(16);
  });

  it("posts large inputs through async batch jobs of at most 100, with per-record results", async () => {
    const netsuite = setup({}, { batchThreshold: 10 });
    const entries = Array.from({ length: 130 }, (_, i) => timeEntry(String(i)));
    entries[5] = { ...entries[5]!, resource: { key: "workday-worker-x" } }; // unmappable → rejected before sending
    const report = await netsuite.postTime(entries);
    expect(report).toMatchObject({ mode: "batch", input: 130, written: 129, rejected: 1, failed: 0 });
    expect(fake.api.calls("PUT /record/v1/timeBill")).toBe(2);
    expect(fake.records("timeBill")).toHaveLength(129);
    const again = await netsuite.postTime(entries);
    expect(again.written).toBe(129);
    expect(fake.records("timeBill")).toHaveLength(129);
    expect(fake.duplicateExternalIds()).toEqual([]);
  });

  it("reports per-task failures of a batch job", async () => {
    const netsuite = setup(
      {
        strictReferences: true,
        records: {
          employee: [{ id: "301" }],
          projectTask: [{ id: "701", title: "t", company: { id: "601" } }],
          job: [{ id: "601", companyName: "P" }],
          department: [{ id: "3" }],
          classification: [{ id: "7" }],
          location: [{ id: "2" }],
          subsidiary: [{ id: "4" }],
        },
      },
      { batchThreshold: 1 },
    );
    const report = await netsuite.postTime([
      timeEntry("1"),
      timeEntry("2", { project: { key: "p", ids: { netsuite: "999" } } }),
    ]);
    expect(report).toMatchObject({ mode: "batch", written: 1, rejected: 1 });
    expect(report.results.find((r) => r.status === "rejected")).toMatchObject({ field: "customer" });
  });

  it("posts expenses with replace=expense so a re-post does not add lines", async () => {
    const netsuite = setup();
    await netsuite.postExpenses([expense("1")]);
    await netsuite.postExpenses([expense("1", { amount: { amount: "99.00", currency: "GBP" } })]);
    const reports = fake.records("expenseReport");
    expect(reports).toHaveLength(1);
    expect((reports[0]!.expense as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ amount: 99 }),
    ]);
  });

  it("raises an invoice for a ready invoice event", async () => {
    const netsuite = setup();
    const result = await netsuite.upsertInvoice(invoiceEvent);
    expect(result.status).toBe("written");
    expect(fake.record("invoice", result.internalId!)).toMatchObject({
      entity: { id: "601" },
      tranDate: "2026-11-20",
    });
  });

  it("lists posted time by date range for reconciliation, keyed by the external id", async () => {
    const netsuite = setup();
    await netsuite.postTime([
      timeEntry("1", { date: "2026-10-31" }),
      timeEntry("2", { date: "2026-11-01", minutes: 50 }),
      timeEntry("3", { date: "2026-11-30", billable: false }),
      timeEntry("4", { date: "2026-12-01" }),
    ]);
    const posted = [];
    for await (const entry of netsuite.listPostedTime({
      from: "2026-11-01",
      to: "2026-11-30",
      pageSize: 1,
    })) {
      posted.push(entry);
    }
    expect(posted.map((e) => [e.key, e.date, e.minutes, e.billable])).toEqual([
      ["kantata-time_entries-2", "2026-11-01", 50, true],
      ["kantata-time_entries-3", "2026-11-30", 270, false],
    ]);
    expect(posted[0]).toMatchObject({
      source: { system: "netsuite", type: "timeBill" },
      resource: { ids: { netsuite: "301" } },
      approval: { state: "approved" },
      dimensions: { costCenter: "CC-100", practice: "DATA", region: "EMEA", legalEntity: "UK" },
    });
  });

  it("round-trips a SuiteQL parameter with quotes, backslashes and newlines safely", async () => {
    const netsuite = setup();
    const memo = `He said "stop" \\ then left\nline two\r\n'); DROP TABLE timebill; --`;
    await netsuite.postTimeEntry(timeEntry("1", { notes: memo }));
    await netsuite.postTimeEntry(timeEntry("2", { notes: "other" }));
    const rows = await netsuite.suiteql.all({
      q: "SELECT id, memo, externalid FROM timebill WHERE memo = ?",
      params: [memo],
    });
    expect(rows).toEqual([{ id: expect.any(String), memo, externalid: "kantata-time_entries-1" }]);
  });

  it("rejects a SuiteQL offset that is not a multiple of the limit (fake mirrors NetSuite)", async () => {
    const netsuite = setup();
    await expect(
      netsuite.http.POST("/query/v1/suiteql", {
        params: { header: { Prefer: "transient" }, query: { limit: 10, offset: 5 } },
        body: { q: "SELECT id FROM timebill" },
      }),
    ).rejects.toMatchObject({ vendorCode: "INVALID_PARAMETER", path: "offset", status: 400 });
  });

  it("records a contract violation when a request breaks openapi/netsuite.yaml", async () => {
    const netsuite = setup();
    const put = netsuite.http.PUT as unknown as (p: string, i: object) => Promise<unknown>;
    await expect(
      put("/record/v1/timeBill/eid:{externalId}", {
        params: { path: { externalId: "x-1" } },
        body: { hours: 4.5, employee: { id: "301" }, tranDate: "2026-11-16" },
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(fake.violations.map((v) => v.kind)).toEqual(["request"]);
    expect(fake.violations[0]?.message).toContain("hours");
    expect(fake.records("timeBill")).toHaveLength(0);
    fake.reset();
  });

  it("refuses a repeated X-NetSuite-Idempotency-Key on async requests with IDEMPOTENCY_ERROR", async () => {
    const netsuite = setup();
    const put = netsuite.http.PUT as unknown as (p: string, i: object) => Promise<{ response: Response }>;
    const send = () =>
      put("/record/v1/timeBill", {
        params: {
          header: {
            Prefer: "respond-async",
            "X-NetSuite-Idempotency-Key": "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
          },
        },
        headers: { "Content-Type": "application/vnd.oracle.resource+json; type=collection" },
        body: {
          items: [{ externalId: "k-1", employee: { id: "301" }, tranDate: "2026-11-16", hours: "1:00" }],
        },
      });
    const { response } = await send();
    expect(response.status).toBe(202);
    expect(response.headers.get("location")).toMatch(/\/async\/v1\/job\/1$/);
    await expect(send()).rejects.toMatchObject({ name: "ConflictError", vendorCode: "IDEMPOTENCY_ERROR" });
    expect(fake.records("timeBill")).toHaveLength(1);
  });

  it("persists the fake's state across runs with exportState/importState", async () => {
    const netsuite = setup();
    await netsuite.postTime([timeEntry("1")]);
    const snapshot = JSON.parse(JSON.stringify(fake.exportState()));
    fake.reset();
    expect(fake.records("timeBill")).toHaveLength(0);
    fake.importState(snapshot);
    await netsuite.postTime([timeEntry("1"), timeEntry("2")]);
    expect(fake.records("timeBill")).toHaveLength(2);
    expect(fake.duplicateExternalIds()).toEqual([]);
  });

  it("posts a company-paid expense (reimbursable: false) with isnonreimbursable: true on the stored line", async () => {
    const netsuite = setup();
    const report = await netsuite.postExpenses([
      expense("1", { reimbursable: false }),
      expense("2", { reimbursable: true }),
    ]);
    expect(report).toMatchObject({ written: 2 });
    const lineOf = (key: string) =>
      (
        fake.record("expenseReport", `eid:${key}`)?.expense as
          | { items?: Record<string, unknown>[] }
          | undefined
      )?.items?.[0];
    expect(lineOf("kantata-expenses-1")).toMatchObject({
      isnonreimbursable: true,
      expensedate: "2026-11-16",
      amount: 123.45,
      line: "1",
      id: 1,
    });
    expect(lineOf("kantata-expenses-2")).toMatchObject({ isnonreimbursable: false });
    expect(fake.record("expenseReport", "eid:kantata-expenses-1")).toMatchObject({
      supervisorapproval: true,
    });
  });

  it("refuses a misspelled field with 400 INVALID_CONTENT naming the property, never its value", async () => {
    const netsuite = setup();
    const put = netsuite.http.PUT as unknown as (p: string, i: object) => Promise<unknown>;
    const error = await put("/record/v1/expenseReport/eid:{externalId}", {
      params: { path: { externalId: "r-1" } },
      body: {
        entity: { id: "301" },
        tranDate: "2026-11-16",
        expense: { items: [{ expenseDate: "2026-11-16", amount: 987.65 }] },
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      status: 400,
      vendorCode: "INVALID_CONTENT",
      path: "expense.items[0].expenseDate",
    });
    expect(String((error as Error).message)).toContain("expenseDate");
    expect(JSON.stringify(error)).not.toContain("987.65");
    expect(fake.records("expenseReport")).toHaveLength(0);
  });

  it("sends X-NetSuite-PropertyNameValidation: Error on writes, so NetSuite refuses instead of dropping", async () => {
    const netsuite = setup({ propertyNameValidation: "Warning" });
    await expect(
      upsertByExternalId(netsuite.http, netsuite.suiteql, "timeBill", "t-1", {
        employee: { id: "301" },
        tranDate: "2026-11-16",
        hours: "1:00",
        isBilable: true,
      }),
    ).rejects.toMatchObject({ status: 400, path: "isBilable" });
    expect(fake.records("timeBill")).toHaveLength(0);
    expect(fake.droppedProperties).toEqual([]);
  });

  it("under NetSuite's default Warning, drops an unknown property and writes the rest", async () => {
    const netsuite = setup({ propertyNameValidation: "Warning" });
    const put = netsuite.http.PUT as unknown as (p: string, i: object) => Promise<unknown>;
    await put("/record/v1/timeBill/eid:{externalId}", {
      params: { path: { externalId: "t-1" }, header: { "X-NetSuite-PropertyNameValidation": "Warning" } },
      body: { employee: { id: "301" }, tranDate: "2026-11-16", hours: "1:00", isBilable: true },
    });
    expect(fake.record("timeBill", "eid:t-1")).not.toHaveProperty("isBilable");
    expect(fake.record("timeBill", "eid:t-1")).toMatchObject({ hours: "1:00" });
    expect(fake.droppedProperties).toEqual([{ type: "timeBill", path: "isBilable", validation: "Warning" }]);
  });

  it("accepts the account's custom fields when the fake is told about them", async () => {
    const netsuite = setup({ customFields: ["custcol_region"] });
    const put = netsuite.http.PUT as unknown as (p: string, i: object) => Promise<unknown>;
    await put("/record/v1/timeBill/eid:{externalId}", {
      params: { path: { externalId: "t-1" } },
      body: { employee: { id: "301" }, tranDate: "2026-11-16", hours: "1:00", custcol_region: "EMEA" },
    });
    expect(fake.record("timeBill", "eid:t-1")).toMatchObject({ custcol_region: "EMEA" });
  });

  it("refuses enumerations sent as bare strings and durations sent as decimals (contract)", async () => {
    const netsuite = setup();
    const put = netsuite.http.PUT as unknown as (p: string, i: object) => Promise<unknown>;
    await expect(
      put("/record/v1/timeBill/eid:{externalId}", {
        params: { path: { externalId: "t-1" } },
        body: { employee: { id: "301" }, tranDate: "2026-11-16", hours: "1:00", timeType: "A" },
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      put("/record/v1/projectTask/eid:{externalId}", {
        params: { path: { externalId: "pt-1" } },
        body: { title: "Design", project: { id: "601" }, plannedWork: 8, status: { id: "OPEN" } },
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(fake.violations.map((v) => v.message).join("\n")).toMatch(/timeType[\s\S]*plannedWork/);
    expect(fake.records("timeBill")).toHaveLength(0);
    fake.reset();
  });

  it("reads records back as NetSuite does: sublists collapsed unless expanded, references with links and refName", async () => {
    const netsuite = setup({ records: { employee: [{ id: "301", entityId: "Ada Lovelace" }] } });
    const posted = await netsuite.postExpenses([expense("1")]);
    const id = posted.results[0]?.internalId ?? "";
    const plain = await netsuite.http.GET("/record/v1/expenseReport/{id}", { params: { path: { id } } });
    expect(plain.data?.expense).toEqual({
      links: [{ rel: "self", href: expect.stringMatching(new RegExp(`/expenseReport/${id}/expense$`)) }],
    });
    expect(plain.data?.entity).toMatchObject({
      id: "301",
      refName: "Ada Lovelace",
      links: [expect.anything()],
    });
    const expanded = await netsuite.http.GET("/record/v1/expenseReport/{id}", {
      params: { path: { id }, query: { expandSubResources: true } },
    });
    expect(expanded.data?.expense).toMatchObject({ count: 1, hasMore: false, totalResults: 1 });
    expect(expanded.data?.expense?.items?.[0]).toMatchObject({ line: "1", id: 1, expensedate: "2026-11-16" });
  });
});
