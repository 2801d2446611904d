import { type ApprovedTimeEntry, parseApprovedTimeEntry } from "@ledgerline/canonical";
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { MemoryLedger } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import {
  approveMappingChange,
  listMappingChanges,
  loadWorkforce,
  syncWorkforce,
  type WorkforceDirectory,
} from "../src/index.js";
import { createSystems, DELIVERY, wid } from "./systems.js";

const GRACE = "workday-workers-00000000000000000000000000000001";

/** An approved Kantata time entry of Grace, dimensioned and addressed through the workforce directory. */
function entry(directory: WorkforceDirectory, id: string, date: string): ApprovedTimeEntry {
  const assignment = directory.assignment(GRACE, date);
  return parseApprovedTimeEntry({
    key: `kantata-time_entries-${id}`,
    source: { system: "kantata", type: "time_entries", id, version: "1", updatedAt: `${date}T18:00:00Z` },
    resource: { key: GRACE, ids: { netsuite: assignment?.netsuiteEmployee ?? "" } },
    project: { key: "salesforce-opportunity-x", ids: { netsuite: "9001" } },
    date,
    minutes: 240,
    billable: true,
    approval: { state: "approved", raw: "true" },
    ...(assignment?.costCenter ? { dimensions: { costCenter: assignment.costCenter } } : {}),
  });
}

describe("a person moved to another cost center in Workday", () => {
  it("has later time posted to the new NetSuite department once the move is approved, and not before", async () => {
    const s = createSystems();
    const base = { ledger: s.ledger, requestedBy: "workday-sync", asOf: "2026-11-30" };
    await syncWorkforce(s, { ...base, now: () => new Date("2026-11-30T08:00:00Z") });
    const grace = s.fakes.workday.data.workers.find((w) => w.id === wid(1));
    if (!grace?.primaryJob) throw new Error("seed");
    grace.primaryJob.costCenter = DELIVERY;
    await syncWorkforce(s, { ...base, now: () => new Date("2026-12-01T08:00:00Z") });

    const post = async (id: string, date: string) => {
      const directory = await loadWorkforce(s.ledger);
      expect(directory.postable(GRACE, date)).toBe(true);
      const netsuite = createNetSuiteClient({
        accountId: "123456_SB1",
        baseUrl: s.fakes.netsuite.baseUrl,
        fetch: s.fakes.netsuite.fetch,
        auth: { type: "none" },
        ledger: new MemoryLedger(),
        masterData: { dimensions: directory.dimensionMap(date) },
      });
      const result = await netsuite.postTimeEntry(entry(directory, id, date));
      expect(result.status).toBe("written");
      return s.fakes.netsuite.record("timeBill", result.internalId as string);
    };

    // Held: time booked after the move is still posted to Advisory's department.
    expect((await post("1", "2026-12-02"))?.department).toEqual({ id: "101" });

    const [change] = await listMappingChanges(s.ledger, { status: "pending" });
    await approveMappingChange(s.ledger, change!.id, "controller@ledgerline.example", {
      now: () => new Date("2026-12-03T09:00:00Z"),
    });
    // Approved from 2026-12-03: later time goes to Delivery's department, earlier time keeps Advisory's.
    expect((await post("2", "2026-12-04"))?.department).toEqual({ id: "102" });
    expect((await post("3", "2026-12-02"))?.department).toEqual({ id: "101" });
    expect((await post("1", "2026-12-02"))?.department).toEqual({ id: "101" });
    s.assertNoViolations();
  });
});
