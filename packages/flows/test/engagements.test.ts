import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_FIELD_OWNERSHIP, FIELD_OWNERSHIP_CONFLICT } from "@ledgerline/canonical";
import { Crosswalk, FileLedger } from "@ledgerline/core";
import { describe, expect, it } from "vitest";
import { syncEngagements } from "../src/index.js";
import { closeDeal } from "./deals.js";
import { createSystems } from "./systems.js";

const dims = () => ({ legalEntity: "US01" });

describe("syncEngagements", () => {
  it("turns a deal closed in Salesforce into a NetSuite project and a Kantata workspace linked by ids in all three systems", async () => {
    const s = createSystems();
    const { opportunity, account } = closeDeal(s.fakes.salesforce);
    const report = await syncEngagements(s, { ledger: s.ledger, dimensions: dims });
    expect(report).toMatchObject({
      step: "syncEngagements",
      received: 2,
      written: 2,
      failed: 0,
      rejected: 0,
    });

    // NetSuite: one customer, one project under it, both by external id = canonical key.
    const [customer] = s.fakes.netsuite.records("customer");
    const [job] = s.fakes.netsuite.records("job");
    expect(s.fakes.netsuite.records("customer")).toHaveLength(1);
    expect(customer).toMatchObject({
      companyName: "Globex",
      externalId: expect.stringMatching(/^salesforce-account-/),
    });
    expect(job).toMatchObject({
      companyName: "Globex — Data platform SOW",
      parent: { id: customer?.id },
      subsidiary: { id: "1" },
      startDate: "2026-12-01",
      projectedEndDate: "2027-05-31",
    });
    expect(job?.externalId).toBe(engagementKey(report));

    // Kantata: one workspace, with references to the canonical key, the NetSuite job and the Opportunity.
    const workspaces = s.fakes.kantata.store.all("workspaces");
    expect(workspaces).toHaveLength(1);
    const [ws] = workspaces;
    expect(ws).toMatchObject({
      title: "Globex — Data platform SOW",
      currency: "USD",
      price_in_cents: 12_500_050,
      due_date: "2027-05-31",
    });
    const refs = s.fakes.kantata.store.all("external_references").filter((r) => r.subject_id === ws?.id);
    expect(refs.map((r) => [r.service_name, r.service_model, r.service_model_ref]).sort()).toEqual(
      [
        ["Ledgerline", "engagement", job?.externalId],
        ["NetSuite", "job", job?.id],
        ["Salesforce", "Opportunity", opportunity.Id],
      ].sort(),
    );

    // Salesforce: the ids written back to the Opportunity.
    expect(s.fakes.salesforce.records("Opportunity")[0]).toMatchObject({
      NetSuite_Project_Id__c: job?.id,
      Kantata_Workspace_Id__c: ws?.id,
    });

    // The crosswalk knows every id.
    const crosswalk = new Crosswalk(s.ledger);
    const projectKey = job?.externalId as string;
    expect(await crosswalk.lookup("project", projectKey, "netsuite")).toBe(job?.id);
    expect(await crosswalk.lookup("project", projectKey, "kantata")).toBe(ws?.id);
    expect(await crosswalk.lookup("project", projectKey, "salesforce")).toBe(opportunity.Id);
    expect(await crosswalk.resolve("client", "salesforce", account.Id)).toBe(customer?.externalId);
    expect(report.records.find((r) => r.type === "Engagement")?.targets).toEqual({
      salesforce: opportunity.Id,
      netsuite: job?.id,
      kantata: ws?.id,
    });
    s.assertNoViolations();
  });

  it("changes nothing on a rerun, and picks up only deals closed since the checkpoint", async () => {
    const s = createSystems();
    closeDeal(s.fakes.salesforce);
    await syncEngagements(s, { ledger: s.ledger, dimensions: dims });
    const writes = () => ({
      jobs: s.fakes.netsuite.records("job").map((j) => JSON.stringify(j)),
      kantataWorkspaces: s.fakes.kantata.store.all("workspaces").map((w) => w.updated_at),
      opp: s.fakes.salesforce.records("Opportunity").map((o) => o.SystemModstamp),
    });
    const before = writes();
    const rerun = await syncEngagements(s, { ledger: s.ledger, dimensions: dims });
    expect(rerun).toMatchObject({ written: 0, failed: 0, rejected: 0 });
    expect(rerun.unchanged).toBe(rerun.received);
    expect(writes().kantataWorkspaces).toEqual(before.kantataWorkspaces);
    expect(writes().opp).toEqual(before.opp);
    expect(writes().jobs).toEqual(before.jobs);

    closeDeal(s.fakes.salesforce, { account: "Initech", name: "Initech — CPQ rollout", amount: 80000 });
    const third = await syncEngagements(s, { ledger: s.ledger, dimensions: dims });
    const engagements = third.records.filter((r) => r.type === "Engagement");
    // The first deal is read again only at the checkpoint's boundary (inclusive), and written nowhere.
    expect(engagements.map((r) => r.status).sort()).toEqual(["unchanged", "written"]);
    expect(s.fakes.netsuite.records("job")).toHaveLength(2);
    expect(s.fakes.kantata.store.all("workspaces")).toHaveLength(2);
    s.assertNoViolations();
  });

  it("resumes a deal whose Kantata write failed (Kantata down) on the next run, without duplicates", async () => {
    const s = createSystems();
    closeDeal(s.fakes.salesforce);
    s.fakes.kantata.api.injectFault("unavailable", { route: "POST /workspaces.json", times: 1 });
    const down = await syncEngagements(s, { ledger: s.ledger, dimensions: dims });
    expect(down.records.find((r) => r.type === "Engagement")).toMatchObject({ status: "failed" });
    expect(s.fakes.netsuite.records("job")).toHaveLength(1);
    expect(s.fakes.kantata.store.all("workspaces")).toHaveLength(0);

    const up = await syncEngagements(s, { ledger: s.ledger, dimensions: dims });
    expect(up.records.find((r) => r.type === "Engagement")).toMatchObject({ status: "written" });
    expect(s.fakes.netsuite.records("customer")).toHaveLength(1);
    expect(s.fakes.netsuite.records("job")).toHaveLength(1);
    expect(s.fakes.kantata.store.all("workspaces")).toHaveLength(1);
    expect(s.fakes.salesforce.records("Opportunity")[0]?.Kantata_Workspace_Id__c).toBe(
      s.fakes.kantata.store.all("workspaces")[0]?.id,
    );
  });

  for (const when of ["before", "after"] as const) {
    it(`leaves exactly one of each after a crash ${when} Kantata creates the workspace, then a rerun`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "ll-flows-"));
      const ledger = await FileLedger.open(join(dir, "ledger.jsonl"));
      const s = createSystems({ ledger });
      closeDeal(s.fakes.salesforce);
      const controller = new AbortController();
      const crashing = {
        ...s,
        psa: {
          ...s.psa,
          createWorkspace: async (input: Parameters<typeof s.psa.createWorkspace>[0]) => {
            if (when === "after") await s.psa.createWorkspace(input);
            controller.abort(new Error("killed"));
            throw new Error("killed");
          },
        },
      };
      await expect(
        syncEngagements(crashing, { ledger, dimensions: dims, signal: controller.signal }),
      ).rejects.toThrow("killed");
      await ledger.close();

      // A new process: the ledger reopened from disk.
      const reopened = await FileLedger.open(join(dir, "ledger.jsonl"));
      const again = createSystems({ ledger: reopened, fakes: s.fakes });
      const report = await syncEngagements(again, { ledger: reopened, dimensions: dims });
      expect(report.records.find((r) => r.type === "Engagement")).toMatchObject({ status: "written" });
      expect(s.fakes.netsuite.records("customer")).toHaveLength(1);
      expect(s.fakes.netsuite.records("job")).toHaveLength(1);
      expect(s.fakes.netsuite.duplicateExternalIds()).toEqual([]);
      expect(s.fakes.kantata.store.all("workspaces")).toHaveLength(1);
      const ws = s.fakes.kantata.store.all("workspaces")[0];
      expect(s.fakes.salesforce.records("Opportunity")[0]?.Kantata_Workspace_Id__c).toBe(ws?.id);
      const rerun = await syncEngagements(again, { ledger: reopened, dimensions: dims });
      expect(rerun.written).toBe(0);
      await reopened.close();
    });
  }

  it("reports a deal that cannot become an engagement as rejected, with an exception, and goes on", async () => {
    const s = createSystems();
    const { opportunity } = closeDeal(s.fakes.salesforce);
    const account = s.fakes.salesforce.records("Account")[0];
    const odd = s.fakes.salesforce.insert("Opportunity", {
      Name: "Globex — no billing type",
      AccountId: account?.Id,
      CloseDate: "2026-11-28",
      StageName: "Closed Won",
      CurrencyIsoCode: "USD",
    });
    const report = await syncEngagements(s, { ledger: s.ledger, dimensions: dims });
    expect(report.received).toBe(report.written + report.unchanged + report.rejected + report.failed);
    const byId = (id: string) =>
      report.records.find((r) => r.type === "Engagement" && r.key.includes(id.toLowerCase()));
    expect(byId(opportunity.Id)?.status).toBe("written");
    expect(byId(odd.Id)).toMatchObject({ status: "rejected", reason: { code: "BILLING_TYPE_UNKNOWN" } });
    expect(report.exceptions).toContainEqual(
      expect.objectContaining({
        code: "BILLING_TYPE_UNKNOWN",
        impact: "blocks-billing",
        record: expect.objectContaining({ id: odd.Id }),
      }),
    );
    expect(s.fakes.kantata.store.all("workspaces")).toHaveLength(1);
  });

  it("never overwrites a field another system owns: a conflict is an exception", async () => {
    const s = createSystems();
    const { contract } = closeDeal(s.fakes.salesforce);
    // This firm's PSA owns the project schedule once delivery starts.
    const ownership = {
      ...DEFAULT_FIELD_OWNERSHIP,
      Project: { ...DEFAULT_FIELD_OWNERSHIP.Project, endDate: "kantata" },
    };
    await syncEngagements(s, { ledger: s.ledger, dimensions: dims, ownership });
    const [ws] = s.fakes.kantata.store.all("workspaces");
    // The PM replans in Kantata; then the contract end date changes in Salesforce, and so does the deal's name.
    s.fakes.kantata.edit("workspaces", ws!.id, { due_date: "2027-06-30" });
    await patch(s, "Contract", contract.Id, { EndDate: "2027-07-31" });
    const opp = s.fakes.salesforce.records("Opportunity")[0]!;
    await patch(s, "Opportunity", opp.Id, { Name: "Globex — Data platform SOW (rev. 2)" });

    const report = await syncEngagements(s, { ledger: s.ledger, dimensions: dims, ownership });
    const conflict = report.exceptions.find((e) => e.code === FIELD_OWNERSHIP_CONFLICT);
    expect(conflict).toMatchObject({
      field: "endDate",
      record: { type: "Project", system: "kantata", id: ws!.id },
    });
    const after = s.fakes.kantata.store.get("workspaces", ws!.id);
    expect(after?.due_date).toBe("2027-06-30"); // not overwritten
    expect(after?.title).toBe("Globex — Data platform SOW (rev. 2)"); // Salesforce owns the name
    // Still a conflict on the next run, until someone resolves it in the owning system.
    const again = await syncEngagements(s, { ledger: s.ledger, dimensions: dims, ownership });
    expect(again.written).toBe(0);
    expect(again.exceptions.map((e) => e.code)).toContain(FIELD_OWNERSHIP_CONFLICT);
    expect(s.fakes.kantata.store.get("workspaces", ws!.id)?.due_date).toBe("2027-06-30");
    s.assertNoViolations();
  });
});

function engagementKey(report: { records: { key: string; type: string }[] }): string | undefined {
  return report.records.find((r) => r.type === "Engagement")?.key;
}

async function patch(
  s: ReturnType<typeof createSystems>,
  object: string,
  id: string,
  fields: Record<string, unknown>,
) {
  await s.salesforce.updateRecord(object, id, fields);
}
