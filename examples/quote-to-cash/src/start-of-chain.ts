/**
 * Issue 14: the start of the chain in the demo — workforce, then SOWs — run before time and expenses, in
 * the seed's order of deployment. Starts the Workday and Salesforce fakes on 127.0.0.1 (re-seeded from
 * the data set on every run; the ledger remembers what was written, so a second run writes nothing), runs
 * `@ledgerline/flows`' `syncWorkforce` and `syncEngagements` against them and the demo's Kantata and
 * NetSuite fakes, and returns each step's report as a posting-table row. No domain logic here.
 */

import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createPsaClient } from "@ledgerline/connector-psa";
import { createSalesforceClient } from "@ledgerline/connector-salesforce";
import { createSalesforceFake } from "@ledgerline/connector-salesforce/testing";
import { createWorkdayClient } from "@ledgerline/connector-workday";
import { createWorkdayFake, WORKDAY_FAKE_CREDENTIALS } from "@ledgerline/connector-workday/testing";
import type { Ledger } from "@ledgerline/core";
import { type StepReport, syncEngagements, syncWorkforce } from "@ledgerline/flows";
import type { DemoDataSet } from "./dataset.js";
import type { DemoFakes } from "./fakes.js";
import { DEMO_COMPANY, seedSalesforce, workdaySeedOf, workspaceReferences } from "./seed-crm-hcm.js";
import type { PhaseSummary } from "./summary.js";

/** The two steps' reports, and the same as rows of the demo's posting table. */
export interface StartOfChain {
  reports: StepReport[];
  phases: PhaseSummary[];
}

/** Runs workforce → SOWs against the four fakes; see the module comment. */
export async function runStartOfChain(args: {
  data: DemoDataSet;
  /** The start of the chain's own ledger (crosswalk, checkpoint, held changes); the caller opens and closes it. */
  ledger: Ledger;
  fakes: DemoFakes;
  signal?: AbortSignal | undefined;
}): Promise<StartOfChain> {
  const { data, fakes } = args;
  const { ledger } = args;
  const workdayFake = createWorkdayFake({ seed: workdaySeedOf(data) });
  const salesforceFake = createSalesforceFake();
  const keys = seedSalesforce(salesforceFake, data);
  // The month's workspaces were created from these deals: their external references say so (seeded once).
  if (!fakes.kantata.store.all("external_references").some((r) => r.service_name === "Ledgerline")) {
    fakes.kantata.seed({ external_references: workspaceReferences(keys) });
    await fakes.saveKantata();
  }
  const [wd, sf] = await Promise.all([
    workdayFake.listen({ host: "127.0.0.1", port: 0 }),
    salesforceFake.listen({ host: "127.0.0.1", port: 0 }),
  ]);
  try {
    const workday = createWorkdayClient({
      host: "wd2-impl-services1.workday.com",
      tenant: workdayFake.tenant,
      auth: WORKDAY_FAKE_CREDENTIALS,
      baseUrl: wd.url,
    });
    const salesforce = createSalesforceClient({
      instanceUrl: sf.url,
      auth: { type: "client-credentials", clientId: "demo-app", clientSecret: "demo-secret" },
    });
    const psa = createPsaClient({ auth: "demo-token", baseUrl: fakes.kantataServer.url });
    const netsuite = createNetSuiteClient({
      accountId: "123456_SB1",
      baseUrl: fakes.netsuiteServer.url,
      auth: { type: "none" },
      ledger,
      masterData: {
        dimensions: {
          target: "netsuite",
          tables: { legalEntity: { [DEMO_COMPANY.code]: data.netsuite.subsidiaryId } },
        },
      },
    });
    const workforce = await syncWorkforce(
      { workday, psa, netsuite },
      { ledger, requestedBy: "demo-workday-sync", asOf: data.period.to },
    );
    const engagements = await syncEngagements(
      { salesforce, netsuite, psa },
      { ledger, dimensions: () => ({ legalEntity: DEMO_COMPANY.code }), signal: args.signal },
    );
    const reports = [workforce, engagements];
    return {
      reports,
      phases: reports.map((r) => ({
        name: r.step === "syncWorkforce" ? "workforce (Workday)" : "SOWs (Salesforce)",
        input: r.received,
        buckets: { written: r.written, unchanged: r.unchanged, rejected: r.rejected, failed: r.failed },
        durationMs: r.timings.durationMs,
      })),
    };
  } finally {
    await Promise.all([workdayFake.close(), salesforceFake.close()]);
  }
}
