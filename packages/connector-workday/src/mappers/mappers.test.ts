import { ValidationError } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { fixture } from "../../test/fixtures.js";
import { readAs } from "../workday-read.js";
import type { WorkdayOrganization, WorkdayWorker } from "../workday-types.js";
import { toCostCenter, toLegalEntity, toPractice } from "./organization.js";
import { missingCostCenterHeadline, toResource } from "./resource.js";

const employee = fixture<WorkdayWorker>("workers.show");
const company = fixture<{ data: WorkdayOrganization[] }>("organizations.companies")
  .data[0] as WorkdayOrganization;

function issues(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map(({ path, message }) => ({ path, message }));
  }
  throw new Error("expected a ValidationError");
}

describe("toResource", () => {
  it("is terminated on or after its termination date, active before", () => {
    const w = { ...employee, terminationDate: "2026-11-30" };
    expect(toResource(w, { asOf: "2026-11-29" }).resource.active).toBe(true);
    expect(toResource(w, { asOf: "2026-11-30" }).resource.active).toBe(false);
  });

  it("versions by content: same worker, same version; a changed title, a new one", () => {
    const a = toResource(employee).resource.source.version;
    expect(toResource(structuredClone(employee)).resource.source.version).toBe(a);
    expect(toResource({ ...employee, businessTitle: "Partner" }).resource.source.version).not.toBe(a);
  });

  it("rejects hostile input naming each field and the reason, never the value", () => {
    const hostile = {
      id: "not-a-wid",
      descriptor: 42,
      primaryWorkEmail: null,
      terminationDate: "31/10/2026",
      workerType: "Employee",
      primaryJob: { id: employee.primaryJob?.id, costCenter: { id: "zz", referenceId: 7 } },
    } as unknown as WorkdayWorker;
    const found = issues(() => toResource(hostile));
    expect(found.map((i) => i.path)).toEqual([
      "id",
      "descriptor",
      "primaryWorkEmail",
      "workerType",
      "terminationDate",
      "primaryJob.costCenter.id",
      "primaryJob.costCenter.referenceId",
    ]);
    const text = JSON.stringify(found);
    for (const value of ["not-a-wid", "31/10/2026", '"zz"']) expect(text).not.toContain(value);
  });

  it.each([null, 7, "worker", [], {}])("never throws anything but a ValidationError (%j)", (input) => {
    const read = readAs("workers", input, () => ({ value: toResource(input as WorkdayWorker).resource }));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toBeInstanceOf(ValidationError);
  });

  it("says how many consultants have no cost center", () => {
    const none = { ...employee, primaryJob: { id: employee.primaryJob?.id ?? "" } };
    const e1 = toResource(none).exceptions;
    const e2 = toResource({ ...none, id: "f".repeat(32) }).exceptions;
    expect(missingCostCenterHeadline(e1)).toBe(
      "1 consultant has no cost center: their time cannot be posted",
    );
    expect(missingCostCenterHeadline([...e1, ...e2, ...e1])).toBe(
      "2 consultants have no cost center: their time cannot be posted",
    );
    expect(missingCostCenterHeadline(toResource(employee).exceptions)).toBeUndefined();
  });
});

describe("organization mappers", () => {
  it("needs the reference id: a WID is not a business code", () => {
    const { referenceId: _r, ...noRef } = company;
    expect(issues(() => toCostCenter(noRef as WorkdayOrganization))).toEqual([
      { path: "referenceId", message: "is required" },
    ]);
  });

  it("never guesses a company's country or currency", () => {
    const { country: _c, currency: _u, ...bare } = company;
    expect(issues(() => toLegalEntity(bare as WorkdayOrganization)).map((i) => i.path)).toEqual([
      "country",
      "currency",
    ]);
    const entity = toLegalEntity(bare as WorkdayOrganization, {
      defaultCountry: "GB",
      defaultCurrency: "GBP",
    });
    expect([entity.country, entity.functionalCurrency]).toEqual(["GB", "GBP"]);
  });

  it("maps a supervisory organization to a practice", () => {
    const sup = fixture<{ data: WorkdayOrganization[] }>("supervisoryOrganizations.list").data[0];
    expect(toPractice(sup as WorkdayOrganization)).toMatchObject({ code: "SUP-DATA", active: true });
  });
});
