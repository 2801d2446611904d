import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createWorkdayClient } from "../src/client.js";
import { workdayOpenApi } from "../src/generated/workday-spec.js";
import { createWorkdayFake, WORKDAY_FAKE_CREDENTIALS } from "../src/testing/index.js";
import type { WorkdayOrganization, WorkdayWorker } from "../src/workday-types.js";
import { fixture } from "./fixtures.js";

const workers = fixture<{ data: WorkdayWorker[] }>("workers.list").data;
const orgs = (name: string) => fixture<{ data: WorkdayOrganization[] }>(name).data;

function seeded() {
  return createWorkdayFake({
    seed: {
      workers,
      organizations: [...orgs("organizations.costCenters"), ...orgs("organizations.companies")],
      supervisoryOrganizations: orgs("supervisoryOrganizations.list"),
      organizationTypes: fixture<{ data: { id: string }[] }>("organizationTypes.list").data,
      jobs: [],
      reports: { "ISU/Workers": fixture<{ Report_Entry: unknown[] }>("report.workers").Report_Entry },
    },
  });
}

const operations = Object.entries(
  (workdayOpenApi as { paths: Record<string, Record<string, unknown>> }).paths,
).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));

describe("contract: every request and response against openapi/workday.yaml", () => {
  it("exercises every documented operation through the client with no violation", async () => {
    const fake = seeded();
    const workday = createWorkdayClient({
      host: "wd2-impl-services1.workday.com",
      tenant: fake.tenant,
      auth: WORKDAY_FAKE_CREDENTIALS,
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
    });
    const drain = async (it: AsyncIterable<unknown>) => {
      for await (const _ of it);
    };
    await drain(workday.resources());
    await workday.worker(workers[0]?.id ?? "");
    await drain(workday.list("jobs"));
    await drain(workday.practices());
    await drain(workday.list("organizationTypes"));
    await drain(workday.costCenters(orgs("organizations.costCenters")[0]?.organizationType?.id ?? ""));
    await workday.report("ISU", "Workers", { prompts: { Company: "US01" }, schema: z.object({}) });
    fake.assertNoViolations();
    for (const operation of operations)
      expect([operation, fake.api.calls(operation)]).not.toEqual([operation, 0]);
  });

  it("catches a request that breaks the contract (limit over 100)", async () => {
    const fake = seeded();
    const response = await fake.fetch(`${fake.baseUrl}/api/staffing/v6/${fake.tenant}/workers?limit=101`);
    expect(response.status).toBe(400);
    expect(fake.api.violations.map((v) => v.kind)).toEqual(["request"]);
  });

  it("catches a response that breaks the contract (a key Workday does not send)", async () => {
    const fake = seeded();
    (fake.data.workers[0] as Record<string, unknown>).salary = "120000";
    const workday = createWorkdayClient({
      host: "wd2-impl-services1.workday.com",
      tenant: fake.tenant,
      auth: WORKDAY_FAKE_CREDENTIALS,
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      retry: false,
    });
    const error = await workday.worker(workers[0]?.id ?? "").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500 });
    expect(String(error)).not.toContain("120000");
    expect(fake.api.violations.map((v) => v.kind)).toEqual(["response"]);
  });
});
