import { describe, expect, it } from "vitest";
import {
  checkFieldOwnership,
  DEFAULT_FIELD_OWNERSHIP,
  FIELD_OWNERSHIP_CONFLICT,
  type FieldOwnershipTable,
  fieldOwner,
} from "../src/index.js";

const record = { key: "salesforce-opportunity-006a", type: "Project", system: "kantata", id: "77" };
const now = new Date("2026-11-30T10:00:00Z");

describe("field ownership", () => {
  it("declares the firm's systems of record", () => {
    expect(fieldOwner(DEFAULT_FIELD_OWNERSHIP, "Client", "name")).toBe("salesforce");
    expect(fieldOwner(DEFAULT_FIELD_OWNERSHIP, "Client", "paymentTermsDays")).toBe("salesforce");
    expect(fieldOwner(DEFAULT_FIELD_OWNERSHIP, "Resource", "dimensions.costCenter")).toBe("workday");
    expect(fieldOwner(DEFAULT_FIELD_OWNERSHIP, "Project", "status")).toBe("kantata");
    expect(fieldOwner(DEFAULT_FIELD_OWNERSHIP, "Project", "code")).toBeUndefined();
  });

  it("lets the owner write, and raises a conflict instead of overwriting another system's field", () => {
    const result = checkFieldOwnership({
      table: DEFAULT_FIELD_OWNERSHIP,
      object: "Project",
      writer: "salesforce",
      target: "kantata",
      record,
      now,
      changes: {
        name: { current: "Old title", proposed: "New title" },
        status: { current: "active", proposed: "planned" },
        endDate: { current: "2027-01-31", proposed: "2027-01-31" },
        code: { current: "P-1", proposed: "P-2" },
      },
    });
    expect(result.write.sort()).toEqual(["code", "name"]);
    expect(result.unchanged).toEqual(["endDate"]);
    expect(result.conflicts).toHaveLength(1);
    const [conflict] = result.conflicts;
    expect(conflict).toMatchObject({ code: FIELD_OWNERSHIP_CONFLICT, field: "status", record });
    expect(conflict?.message).toContain("owned by kantata");
    // Never the values.
    expect(conflict?.message).not.toContain("active");
    expect(conflict?.message).not.toContain("planned");
  });

  it("lets anyone give a field its first value", () => {
    const result = checkFieldOwnership({
      table: DEFAULT_FIELD_OWNERSHIP,
      object: "Project",
      writer: "salesforce",
      target: "kantata",
      record,
      changes: { status: { current: undefined, proposed: "planned" } },
    });
    expect(result).toMatchObject({ write: ["status"], conflicts: [] });
  });

  it("follows a custom table and compares structured values, not references", () => {
    const table: FieldOwnershipTable = { Client: { name: "netsuite" } };
    const result = checkFieldOwnership({
      table,
      object: "Client",
      writer: "salesforce",
      target: "netsuite",
      record: { key: "salesforce-account-001a", type: "Client" },
      changes: {
        name: { current: "Acme GmbH", proposed: "Acme" },
        parent: { current: { key: "p", name: "x" }, proposed: { name: "x", key: "p" } },
      },
    });
    expect(result.conflicts.map((c) => c.field)).toEqual(["name"]);
    expect(result.unchanged).toEqual(["parent"]);
  });
});
