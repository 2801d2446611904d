import { afterEach, describe, expect, it } from "vitest";
import { createNetSuiteClient, type NetSuiteClient } from "../src/index.js";
import { createNetSuiteFake, type NetSuiteFake } from "../src/testing/index.js";
import { ctx, timeEntry } from "./fixtures.js";

let fake: NetSuiteFake;
afterEach(async () => {
  fake.assertNoViolations();
  await fake.close();
});

function client(
  overrides: { fetch?: (r: Request) => Promise<Response>; batchThreshold?: number } = {},
): NetSuiteClient {
  return createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: fake.baseUrl,
    fetch: overrides.fetch ?? fake.fetch,
    auth: { type: "none" },
    masterData: ctx,
    timeoutMs: 250,
    retry: { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 8, budget: false },
    batch: { pollIntervalMs: 1 },
    ...(overrides.batchThreshold === undefined ? {} : { batchThreshold: overrides.batchThreshold }),
  });
}

describe.each(["single", "batch"] as const)("under random faults (%s mode)", (mode) => {
  it("accounts for every entry and never stores an external id twice", async () => {
    fake = createNetSuiteFake({ faultRate: 0.2, timeoutAfterCommitMs: 400, seed: 7 });
    const netsuite = client();
    const entries = Array.from({ length: 60 }, (_, i) => timeEntry(String(i)));
    const report = await netsuite.postTime(entries, { mode });
    expect(report.input).toBe(60);
    expect(report.written + report.failed).toBe(60);
    expect(fake.api.requests.some((r) => r.fault !== undefined)).toBe(true);
    expect(fake.duplicateExternalIds()).toEqual([]);

    fake.setFaultRate(0);
    const again = await netsuite.postTime(entries, { mode });
    expect(again).toMatchObject({ input: 60, written: 60, failed: 0 });
    expect(fake.records("timeBill")).toHaveLength(60);
    expect(fake.duplicateExternalIds()).toEqual([]);
  });
});

describe("batch submission", () => {
  it("is resent after a timeout after commit and still leaves one timeBill per entry", async () => {
    fake = createNetSuiteFake({ timeoutAfterCommitMs: 400 });
    fake.api.injectFault("timeout-after-commit", { route: "PUT /record/v1/timeBill", times: 1 });
    const report = await client().postTime(
      Array.from({ length: 20 }, (_, i) => timeEntry(String(i))),
      { mode: "batch" },
    );
    expect(report).toMatchObject({ written: 20, failed: 0 });
    expect(fake.api.handled("PUT /record/v1/timeBill")).toBe(2);
    expect(fake.records("timeBill")).toHaveLength(20);
  });
});

describe("upsert without a Location header", () => {
  it("finds the internal id by external id with SuiteQL", async () => {
    fake = createNetSuiteFake();
    const stripLocation = async (request: Request) => {
      const response = await fake.fetch(request);
      if (request.method !== "PUT") return response;
      const headers = new Headers(response.headers);
      headers.delete("location");
      return new Response(null, { status: response.status, headers });
    };
    const result = await client({ fetch: stripLocation }).postTimeEntry(timeEntry("1"));
    expect(result).toMatchObject({ status: "written", internalId: fake.records("timeBill")[0]?.id });
    expect(fake.api.calls("POST /query/v1/suiteql")).toBe(1);
  });
});
