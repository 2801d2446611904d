import { describe, expect, it } from "vitest";
import {
  approveMappingChange,
  listMappingChanges,
  loadWorkforce,
  MAPPING_CHANGE_PENDING,
  PERSON_NOT_IN_KANTATA,
  SegregationOfDutiesError,
  syncWorkforce,
} from "../src/index.js";
import { createSystems, DELIVERY, wid } from "./systems.js";

const GRACE = "workday-workers-00000000000000000000000000000001";
const ALAN = "workday-workers-00000000000000000000000000000002";
const at = (iso: string) => () => new Date(iso);

describe("syncWorkforce", () => {
  it("maps cost centers and companies to NetSuite, links people across the three systems, and reruns unchanged", async () => {
    const s = createSystems();
    const options = {
      ledger: s.ledger,
      requestedBy: "workday-sync",
      asOf: "2026-11-30",
      now: at("2026-11-30T08:00:00Z"),
    };
    const first = await syncWorkforce(s, options);
    expect(first.step).toBe("syncWorkforce");
    expect(first).toMatchObject({ received: 5, written: 5, unchanged: 0, rejected: 0, failed: 0 });

    const directory = await loadWorkforce(s.ledger);
    expect(directory.personKeyOf("kantata", "11")).toBe(GRACE);
    expect(directory.personKeyOf("netsuite", "302")).toBe(ALAN); // matched by email, case-insensitively
    expect(directory.assignment(GRACE, "2026-11-15")).toEqual({
      personKey: GRACE,
      costCenter: "CC-100",
      department: "101", // department external id = Workday cost center reference id
      legalEntity: "US01",
      subsidiary: "1",
      netsuiteEmployee: "301",
    });
    expect(directory.assignment(ALAN, "2026-10-01")?.department).toBe("102"); // matched by name
    expect(directory.dimensionMap("2026-11-30").tables).toEqual({
      costCenter: { "CC-100": "101", "CC-200": "102" },
      legalEntity: { US01: "1" },
    });

    const rerun = await syncWorkforce(s, options);
    expect(rerun).toMatchObject({ received: 5, written: 0, unchanged: 5 });
    s.assertNoViolations();
  });

  it("makes a terminated worker unpostable after the termination date", async () => {
    const s = createSystems();
    await syncWorkforce(s, { ledger: s.ledger, requestedBy: "workday-sync", asOf: "2026-11-30" });
    const directory = await loadWorkforce(s.ledger);
    expect(directory.postable(ALAN, "2026-10-31")).toBe(true);
    expect(directory.postable(ALAN, "2026-11-02")).toBe(false);
    expect(directory.notPostableReason(ALAN, "2026-11-02")).toBe("TERMINATED");
    expect(directory.postable(GRACE, "2026-11-02")).toBe(true);
    expect(directory.notPostableReason("workday-workers-unknown", "2026-11-02")).toBe("UNKNOWN_PERSON");
  });

  it("treats a worker Workday stops listing as terminated", async () => {
    const s = createSystems();
    await syncWorkforce(s, { ledger: s.ledger, requestedBy: "workday-sync", asOf: "2026-11-30" });
    s.fakes.workday.data.workers.splice(0, 1); // Grace leaves; staffing lists active workers only
    const report = await syncWorkforce(s, {
      ledger: s.ledger,
      requestedBy: "workday-sync",
      asOf: "2026-12-04",
    });
    expect(report.records.find((r) => r.key === GRACE)).toMatchObject({ status: "written" });
    const directory = await loadWorkforce(s.ledger);
    expect(directory.postable(GRACE, "2026-12-04")).toBe(true);
    expect(directory.postable(GRACE, "2026-12-05")).toBe(false);
  });

  it("holds a cost-center move for approval by someone else, then routes later time to the new department", async () => {
    const s = createSystems();
    const base = { ledger: s.ledger, requestedBy: "workday-sync", asOf: "2026-11-30" };
    await syncWorkforce(s, { ...base, now: at("2026-11-30T08:00:00Z") });
    // Grace moves from Advisory (CC-100) to Delivery (CC-200) in Workday.
    const grace = s.fakes.workday.data.workers.find((w) => w.id === wid(1));
    if (!grace?.primaryJob) throw new Error("seed");
    grace.primaryJob.costCenter = DELIVERY;

    const held = await syncWorkforce(s, { ...base, now: at("2026-12-01T08:00:00Z") });
    expect(held.records.find((r) => r.key === GRACE)).toMatchObject({
      status: "rejected",
      reason: { code: "APPROVAL_REQUIRED" },
    });
    expect(held.exceptions.map((e) => e.code)).toContain(MAPPING_CHANGE_PENDING);
    const [change] = await listMappingChanges(s.ledger, { status: "pending" });
    expect(change).toMatchObject({
      kind: "person-cost-center",
      subject: GRACE,
      from: "CC-100",
      to: "CC-200",
      requestedBy: "workday-sync",
    });

    // Not applied while pending: time of any date still goes to Advisory's department.
    let directory = await loadWorkforce(s.ledger);
    expect(directory.assignment(GRACE, "2026-12-10")?.department).toBe("101");
    // A rerun does not request it twice.
    await syncWorkforce(s, { ...base, now: at("2026-12-01T09:00:00Z") });
    expect(await listMappingChanges(s.ledger, { status: "pending" })).toHaveLength(1);

    // The requester cannot approve its own change.
    await expect(approveMappingChange(s.ledger, change!.id, "Workday-Sync")).rejects.toBeInstanceOf(
      SegregationOfDutiesError,
    );
    const approved = await approveMappingChange(s.ledger, change!.id, "controller@ledgerline.example", {
      now: at("2026-12-03T10:00:00Z"),
    });
    expect(approved).toMatchObject({
      status: "approved",
      decidedBy: "controller@ledgerline.example",
      effectiveFrom: "2026-12-03",
    });
    await expect(approveMappingChange(s.ledger, change!.id, "someone-else")).rejects.toMatchObject({
      code: "NOT_PENDING",
    });

    directory = await loadWorkforce(s.ledger);
    expect(directory.assignment(GRACE, "2026-12-02")?.department).toBe("101"); // before the approval
    expect(directory.assignment(GRACE, "2026-12-03")?.department).toBe("102"); // from the approval on
    // Workday and the ledger now agree: the next run is quiet.
    const after = await syncWorkforce(s, { ...base, now: at("2026-12-04T08:00:00Z") });
    expect(after.records.find((r) => r.key === GRACE)?.status).toBe("unchanged");
    expect(after.exceptions.map((e) => e.code)).not.toContain(MAPPING_CHANGE_PENDING);
  });

  it("holds a re-pointed department mapping of a cost center", async () => {
    const s = createSystems();
    const base = { ledger: s.ledger, requestedBy: "workday-sync", asOf: "2026-11-30" };
    await syncWorkforce(s, base);
    // Finance gives the Workday reference id to another department.
    s.fakes.netsuite.seed("department", [{ id: "103", name: "Delivery (new)", externalId: "CC-200" }]);
    const report = await syncWorkforce(s, base);
    const cc = report.records.find((r) => r.type === "CostCenter" && r.status === "rejected");
    expect(cc?.reason?.code).toBe("APPROVAL_REQUIRED");
    const [change] = await listMappingChanges(s.ledger, { status: "pending" });
    expect(change).toMatchObject({
      kind: "cost-center-department",
      subject: "CC-200",
      from: "102",
      to: "103",
    });
    expect((await loadWorkforce(s.ledger)).dimensionMap("2026-12-31").tables.costCenter).toMatchObject({
      "CC-200": "102",
    });
  });

  it("reports a worker with no Kantata user, and links the rest", async () => {
    const s = createSystems();
    s.fakes.kantata.edit("users", "11", { email_address: "someone.else@ledgerline.example" });
    const report = await syncWorkforce(s, {
      ledger: s.ledger,
      requestedBy: "workday-sync",
      asOf: "2026-11-30",
    });
    const missing = report.exceptions.find((e) => e.code === PERSON_NOT_IN_KANTATA);
    expect(missing).toMatchObject({ record: { key: GRACE }, field: "email" });
    const directory = await loadWorkforce(s.ledger);
    expect(directory.personKeyOf("kantata", "11")).toBeUndefined();
    expect(directory.postable(GRACE, "2026-11-30")).toBe(true); // NetSuite employee is what posting needs
  });
});
