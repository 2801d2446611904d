/**
 * The start of the chain against the four fakes on 127.0.0.1: Workday people and cost centers become the
 * dimension map and the people crosswalk; a deal closed in Salesforce becomes a NetSuite project and a
 * Kantata workspace, linked by ids in all three systems; a rerun changes nothing.
 *
 *   node --conditions=@ledgerline/source --import tsx packages/flows/examples/start-of-chain.ts
 */
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { createPsaClient } from "@ledgerline/connector-psa";
import { createKantataFake } from "@ledgerline/connector-psa/testing";
import { createSalesforceClient } from "@ledgerline/connector-salesforce";
import { createSalesforceFake } from "@ledgerline/connector-salesforce/testing";
import { createWorkdayClient } from "@ledgerline/connector-workday";
import { createWorkdayFake, WORKDAY_FAKE_CREDENTIALS } from "@ledgerline/connector-workday/testing";
import { MemoryLedger } from "@ledgerline/core";
import { loadWorkforce, syncEngagements, syncWorkforce } from "@ledgerline/flows";

const wid = (n: number) => n.toString(16).padStart(32, "0");
const costCenterType = { id: wid(500), descriptor: "Cost Center" };
const advisory = { id: wid(700), descriptor: "Advisory", referenceId: "CC-100" };
const company = { id: wid(900), descriptor: "Ledgerline US", referenceId: "US01" };

// Workday: one consultant in the Advisory cost center. Kantata: her user. NetSuite: her employee record
// (external id = her Workday Employee ID), the Advisory department and the US subsidiary.
const workdayFake = createWorkdayFake({
  seed: {
    organizationTypes: [costCenterType],
    organizations: [{ ...advisory, name: "Advisory", isActive: true, organizationType: costCenterType }],
    workers: [
      {
        id: wid(1),
        descriptor: "Grace Hopper",
        workerId: "21001",
        primaryWorkEmail: "grace.hopper@ledgerline.example",
        primaryJob: { id: wid(101), company, costCenter: advisory },
      },
    ],
  },
});
const kantataFake = createKantataFake({
  seed: {
    users: [{ id: "11", full_name: "Grace Hopper", email_address: "grace.hopper@ledgerline.example" }],
  },
});
const netsuiteFake = createNetSuiteFake({
  records: {
    employee: [{ id: "301", email: "grace.hopper@ledgerline.example", externalId: "21001" }],
    department: [{ id: "101", name: "Advisory", externalId: "CC-100" }],
    subsidiary: [{ id: "1", name: "Ledgerline US", externalId: "US01" }],
  },
});
// Salesforce: a deal a salesperson just closed.
const salesforceFake = createSalesforceFake();
const account = salesforceFake.insert("Account", { Name: "Globex", CurrencyIsoCode: "USD" });
const deal = salesforceFake.insert("Opportunity", {
  Name: "Globex — Data platform SOW",
  AccountId: account.Id,
  Amount: 120000,
  CloseDate: "2026-11-27",
  StageName: "Closed Won",
  CurrencyIsoCode: "USD",
  Billing_Type__c: "Time & Materials",
});
salesforceFake.insert("OpportunityLineItem", {
  OpportunityId: deal.Id,
  Quantity: 480,
  UnitPrice: 250,
  TotalPrice: 120000,
  ServiceDate: "2026-12-01",
  CurrencyIsoCode: "USD",
});

const [wd, ka, ns, sf] = await Promise.all([
  workdayFake.listen(),
  kantataFake.listen(),
  netsuiteFake.listen(),
  salesforceFake.listen(),
]);
try {
  const ledger = new MemoryLedger(); // FileLedger in production: crosswalk, checkpoint and postings survive a crash
  const workday = createWorkdayClient({
    host: "wd2-impl-services1.workday.com",
    tenant: workdayFake.tenant,
    auth: WORKDAY_FAKE_CREDENTIALS,
    baseUrl: wd.url,
  });
  const psa = createPsaClient({ auth: "kantata-token", baseUrl: ka.url });
  const netsuite = createNetSuiteClient({
    accountId: "123456_SB1",
    baseUrl: ns.url,
    auth: { type: "none" }, // fakes only: OAuth 2.0 M2M in production
    ledger,
    masterData: { dimensions: { target: "netsuite", tables: { legalEntity: { US01: "1" } } } },
  });
  const salesforce = createSalesforceClient({
    instanceUrl: sf.url,
    auth: { type: "client-credentials", clientId: "app", clientSecret: "secret" },
  });

  const people = await syncWorkforce({ workday, psa, netsuite }, { ledger, requestedBy: "workday-sync" });
  console.log(`workforce: ${people.written} written, ${people.rejected} held or rejected`);
  const directory = await loadWorkforce(ledger);
  const grace = directory.personKeyOf("kantata", "11");
  if (grace)
    console.log("Grace's time goes to department", directory.assignment(grace, "2026-12-01")?.department);

  const sows = await syncEngagements(
    { salesforce, netsuite, psa },
    { ledger, dimensions: () => ({ legalEntity: "US01" }) },
  );
  const engagement = sows.records.find((r) => r.type === "Engagement");
  console.log("engagement", engagement?.status, engagement?.targets);
  const rerun = await syncEngagements(
    { salesforce, netsuite, psa },
    { ledger, dimensions: () => ({ legalEntity: "US01" }) },
  );
  console.log(`rerun: ${rerun.written} written, ${rerun.unchanged} unchanged`);
} finally {
  await Promise.all([workdayFake.close(), kantataFake.close(), netsuiteFake.close(), salesforceFake.close()]);
}
