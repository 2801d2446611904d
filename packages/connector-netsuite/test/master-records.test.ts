import { describe, expect, it } from "vitest";
import { createNetSuiteClient, listDepartments, listEmployees, listSubsidiaries } from "../src/index.js";
import { createNetSuiteFake } from "../src/testing/index.js";

describe("master records", () => {
  it("lists employees, departments and subsidiaries with their external ids, absent fields left out", async () => {
    const fake = createNetSuiteFake({
      records: {
        employee: [
          { id: "301", entityId: "Grace", email: "grace@example.com", externalId: "21001" },
          { id: "302", entityId: "Alan" },
        ],
        department: [{ id: "101", name: "Advisory", externalId: "CC-100" }],
        subsidiary: [{ id: "1", name: "Ledgerline US" }],
      },
    });
    const netsuite = createNetSuiteClient({
      accountId: "123456_SB1",
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      auth: { type: "none" },
    });
    expect(await listEmployees(netsuite.suiteql)).toEqual([
      { id: "301", email: "grace@example.com", externalId: "21001" },
      { id: "302" },
    ]);
    expect(await listDepartments(netsuite.suiteql)).toEqual([
      { id: "101", name: "Advisory", externalId: "CC-100" },
    ]);
    expect(await listSubsidiaries(netsuite.suiteql)).toEqual([{ id: "1", name: "Ledgerline US" }]);
    fake.assertNoViolations();
  });
});
