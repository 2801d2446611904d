import { ValidationError } from "@ledgerline/core";
import { createFakeApi, type FakeApi, type FakeResponse, type RouteHandler } from "@ledgerline/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createWorkdayClient, type WorkdayClient } from "../src/client.js";
import { workdayOpenApi } from "../src/generated/workday-spec.js";
import { parseWorkdayError } from "../src/workday-error.js";
import { fixture } from "./fixtures.js";

/**
 * Bodies written to Workday's documented shapes (test/fixtures/workday/*.json): collections `{ total, data }`,
 * references `{ id, descriptor, href? }`, reference ids apart from WIDs, absent keys omitted (a worker with
 * only the summary keys, one without an email, one without a cost center), both error forms, the token
 * answer and a RaaS `Report_Entry` body with an omitted empty column. Each is served verbatim by a fake
 * that validates every request and response against openapi/workday.yaml, read through the client and mapped.
 */
const TOKEN_ROUTE = "POST /oauth2/{tenant}/token";
let api: FakeApi | undefined;
afterEach(async () => {
  api?.assertNoViolations();
  await api?.close();
  api = undefined;
});

const ok = (body: unknown): FakeResponse => ({
  status: 200,
  headers: { "content-type": "application/json" },
  body,
});

function serve(routes: Record<string, RouteHandler>): WorkdayClient {
  api = createFakeApi({
    spec: workdayOpenApi,
    routes: { [TOKEN_ROUTE]: () => ok(fixture("token")), ...routes },
  });
  return createWorkdayClient({
    host: "wd2-impl-services1.workday.com",
    tenant: "acme",
    auth: { clientId: "id", clientSecret: "secret", refreshToken: "refresh" },
    baseUrl: api.baseUrl,
    fetch: api.fetch,
    retry: false,
  });
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("Workday fixtures through the client and the mappers", () => {
  it("workers.list: employee, terminated contractor, no cost center, summary-only worker", async () => {
    const workday = serve({
      "GET /api/{service}/{version}/{tenant}/workers": () => ok(fixture("workers.list")),
    });
    const reads = await all(workday.resources({ asOf: "2026-11-30" }));
    expect(reads.every((r) => r.ok)).toBe(true);
    const values = reads.flatMap((r) => (r.ok ? [r.value] : []));
    expect(values.map((v) => [v.name, v.kind, v.active, v.dimensions?.costCenter])).toEqual([
      ["Grace Hopper", "employee", true, "CC-100"],
      ["Alan Turing", "contractor", false, "CC-200"],
      ["Katherine Johnson", "employee", true, undefined],
      ["Dorothy Vaughan", "other", true, undefined],
    ]);
    const [grace, alan] = values;
    expect(grace?.employeeNumber).toBe("21001");
    expect(grace?.title).toBe("Engagement Manager");
    expect(grace?.dimensions?.legalEntity).toBe("US01");
    expect(alan?.manager?.name).toBe("Grace Hopper");
    expect(alan?.title).toBe("Data Engineer");
    expect(alan?.endDate).toBe("2026-10-31");
    // Sensitive worker fields are not carried into the canonical record.
    expect(JSON.stringify(values)).not.toMatch(/1980-12-09|555-0101|Market St/);
    const exceptions = reads.flatMap((r) => (r.ok ? r.exceptions : []));
    expect(exceptions.map((e) => e.record.id)).toEqual([reads[2]?.source.id, reads[3]?.source.id]);
  });

  it("workers.show and workers.empty", async () => {
    const show = fixture<{ id: string }>("workers.show");
    const workday = serve({
      "GET /api/{service}/{version}/{tenant}/workers/{ID}": () => ok(fixture("workers.show")),
      "GET /api/{service}/{version}/{tenant}/workers": () => ok(fixture("workers.empty")),
    });
    expect((await workday.worker(show.id)).descriptor).toBe("Grace Hopper");
    expect(await all(workday.resources())).toEqual([]);
  });

  it("organizations: cost centers, companies, supervisory organizations, organization types", async () => {
    const types = fixture<{ data: { id: string; descriptor: string }[] }>("organizationTypes.list").data;
    const typeOf = (name: string) => types.find((t) => t.descriptor === name)?.id ?? "";
    const workday = serve({
      "GET /api/{service}/{version}/{tenant}/organizations": (request) =>
        ok(
          request.query.get("organizationType") === typeOf("Cost Center")
            ? fixture("organizations.costCenters")
            : fixture("organizations.companies"),
        ),
      "GET /api/{service}/{version}/{tenant}/supervisoryOrganizations": () =>
        ok(fixture("supervisoryOrganizations.list")),
      "GET /api/{service}/{version}/{tenant}/organizationTypes": () => ok(fixture("organizationTypes.list")),
    });
    expect((await all(workday.list("organizationTypes"))).length).toBe(3);
    expect(await workday.organizationType("Cost Center")).toBe(typeOf("Cost Center"));
    expect(await workday.organizationType("Region")).toBeUndefined();
    const costCenters = await all(workday.costCenters(typeOf("Cost Center")));
    expect(costCenters.map((r) => (r.ok ? [r.value.code, r.value.name, r.value.active] : r.error))).toEqual([
      ["CC-100", "Consulting West", true],
      ["CC-200", "CC-200 Data Engineering", false],
    ]);
    const companies = await all(workday.legalEntities(typeOf("Company")));
    expect(
      companies.map((r) => (r.ok ? [r.value.code, r.value.country, r.value.functionalCurrency] : r)),
    ).toEqual([["US01", "US", "USD"]]);
    const practices = await all(workday.practices());
    expect(practices.map((r) => (r.ok ? [r.value.code, r.value.name] : r))).toEqual([
      ["SUP-DATA", "Data & Analytics Practice"],
    ]);
  });

  it("error bodies: the list form and the single form become typed errors keyed on code", async () => {
    const list = parseWorkdayError(
      new Response(null, { status: 400 }),
      JSON.stringify(fixture("error.list")),
    );
    expect(list?.vendorCode).toBe("A161");
    expect(list?.issues).toEqual([
      { path: "ID", message: "The value is not a valid Workday ID.", code: "A161" },
    ]);
    const single = parseWorkdayError(
      new Response(null, { status: 503 }),
      JSON.stringify(fixture("error.single")),
    );
    expect(single?.vendorCode).toBe("");
    expect(single?.retryable).toBe(true);

    const workday = serve({
      "GET /api/{service}/{version}/{tenant}/workers/{ID}": () => ({
        status: 400,
        headers: { "content-type": "application/json" },
        body: fixture("error.list"),
      }),
    });
    const error = await workday.worker("0".repeat(32)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "BadRequestError", status: 400, vendorCode: "A161" });
  });

  it("report.workers: typed rows; an omitted column is a per-row rejection naming it", async () => {
    const workday = serve({
      "GET /service/customreport2/{tenant}/{owner}/{report}": () => ok(fixture("report.workers")),
    });
    const rows = await workday.report("ISU_Ledgerline", "Workers_Cost_Centers", {
      prompts: { Effective_as_of_Date: "2026-11-30" },
      schema: z.object({
        Employee_ID: z.string(),
        Cost_Center_Reference_ID: z.string(),
        Active_Status: z.enum(["0", "1"]),
      }),
    });
    expect(
      rows.map((r) => (r.ok ? r.value.Cost_Center_Reference_ID : r.error.issues.map((i) => i.path))),
    ).toEqual(["CC-100", "CC-200", ["Cost_Center_Reference_ID"]]);
    const rejected = rows[2];
    expect(rejected?.ok === false && rejected.error).toBeInstanceOf(ValidationError);
  });
});
