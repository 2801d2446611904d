import { CanonicalValidationError } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { clientGroup, user, workspace } from "../../test/fixtures.js";
import { toProject } from "./project.js";

describe("toProject (workspace → Project)", () => {
  it("maps a workspace with its client group, budget in exact money and approval settings", () => {
    const project = toProject(workspace, { clientGroup, primaryMaven: user });
    expect(project).toMatchObject({
      key: "kantata-workspaces-4711",
      source: { system: "kantata", type: "workspaces", id: "4711", version: workspace.updated_at },
      name: "Apollo ERP rollout",
      client: { key: "kantata-workspace_groups-300", name: "Globex Corporation", ids: { kantata: "300" } },
      status: { code: "active" },
      billingType: { code: "time_and_materials" },
      currency: "USD",
      startDate: "2026-10-01",
      endDate: "2027-03-31",
      budget: { amount: "125000.00", currency: "USD" },
      requiresTimeApproval: true,
      requiresExpenseApproval: true,
      projectManager: { key: "kantata-users-7", name: "Ada Lovelace" },
    });
  });

  it("keeps an unknown status label as other with the raw value", () => {
    const project = toProject(
      { ...workspace, status: { color: "purple", key: 999, message: "Awaiting PO" } },
      { clientGroup },
    );
    expect(project.status).toEqual({ code: "other", raw: "Awaiting PO" });
  });

  it("does not guess a billing type the workspace does not state", () => {
    const { stories_are_fixed_fee_by_default: _, ...silent } = workspace;
    expect(toProject(silent, { clientGroup }).billingType).toEqual({ code: "other", raw: "" });
    expect(
      toProject({ ...workspace, stories_are_fixed_fee_by_default: true }, { clientGroup }).billingType.code,
    ).toBe("fixed_fee");
  });

  it("prefers an explicit client reference (e.g. from the CRM)", () => {
    const client = { key: "salesforce-account-001abc", name: "Globex" };
    expect(toProject(workspace, { client, clientGroup }).client).toEqual(client);
  });

  it("rejects a workspace without a client, naming the field", () => {
    const err = (() => {
      try {
        toProject(workspace, { clientGroup: { ...clientGroup, company: false } });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0]?.path).toBe("client");
  });

  it("rejects an unknown currency with a typed error", () => {
    expect(() => toProject({ ...workspace, currency: "XXQ" }, { clientGroup })).toThrow(ValidationError);
    expect(() => toProject({ ...workspace, price_in_cents: null, currency: "XXQ" }, { clientGroup })).toThrow(
      CanonicalValidationError,
    );
  });
});
