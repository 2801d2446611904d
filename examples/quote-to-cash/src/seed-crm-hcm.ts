/**
 * Issue 14: the CRM (Salesforce) and HCM (Workday) side of the demo's month, derived from the same data
 * set as the Kantata and NetSuite seeds, so the people the month's time is booked by are Workday workers and
 * the projects it is booked to are Salesforce deals: one consultant = one Workday worker (same name and
 * work email as the Kantata user and the NetSuite employee), one Kantata workspace = one Closed Won
 * Opportunity (same title, dates and budget), linked by the external reference Ledgerline puts on every
 * workspace it creates from a deal.
 */
import { canonicalKey } from "@ledgerline/canonical";
import type { SalesforceFake } from "@ledgerline/connector-salesforce/testing";
import type { WorkdaySeed } from "@ledgerline/connector-workday/testing";
import type { DemoDataSet } from "./dataset.js";

/** The Workday reference id of the demo firm's one company (its NetSuite subsidiary has the same name). */
export const DEMO_COMPANY = { code: "LL-US", name: "Ledgerline Consulting Inc." } as const;

const wid = (n: number) => n.toString(16).padStart(32, "0");

/** Workday as it stands for the month: the company, every cost center (the unmapped one too) and every consultant. */
export function workdaySeedOf(data: DemoDataSet): WorkdaySeed {
  const costCenterType = { id: wid(0xc0), descriptor: "Cost Center" };
  const companyType = { id: wid(0xc1), descriptor: "Company" };
  const company = { id: wid(0xc0c0), descriptor: DEMO_COMPANY.name, referenceId: DEMO_COMPANY.code };
  const costCenters = data.costCenters.map((cc, i) => ({
    id: wid(0xcc00 + i),
    descriptor: cc.name,
    referenceId: cc.code,
  }));
  return {
    organizationTypes: [costCenterType, companyType],
    organizations: [
      { ...company, name: DEMO_COMPANY.name, country: "US", currency: "USD", organizationType: companyType },
      ...costCenters.map((cc) => ({
        ...cc,
        name: cc.descriptor,
        isActive: true,
        organizationType: costCenterType,
      })),
    ],
    workers: data.workforce.map((person, i) => ({
      id: wid(0x10000 + i),
      descriptor: person.fullName,
      workerId: person.workerId,
      primaryWorkEmail: person.email,
      workerType: { id: wid(0xe0), descriptor: "Employee" },
      primaryJob: {
        id: wid(0x20000 + i),
        company,
        ...(costCenters.find((cc) => cc.referenceId === person.costCenter)
          ? { costCenter: costCenters.find((cc) => cc.referenceId === person.costCenter) }
          : {}),
      },
    })),
  };
}

/**
 * Closes the month's deals in the Salesforce fake: one Account per Kantata client, one Closed Won
 * Opportunity (with its Contract and one line) per workspace. Returns, per Kantata workspace id, the
 * canonical key of the engagement its deal becomes.
 */
export function seedSalesforce(fake: SalesforceFake, data: DemoDataSet): Map<string, string> {
  const accounts = new Map<string, string>();
  for (const group of data.kantata.workspace_groups) {
    accounts.set(group.id, fake.insert("Account", { Name: group.name, CurrencyIsoCode: "USD" }).Id);
  }
  const keys = new Map<string, string>();
  for (const ws of data.kantata.workspaces) {
    const accountId = accounts.get(ws.primary_workspace_group_id);
    const contract = fake.insert("Contract", {
      AccountId: accountId,
      Status: "Activated",
      StartDate: ws.start_date,
      EndDate: ws.due_date,
      CurrencyIsoCode: ws.currency,
    });
    const amount = ws.price_in_cents / 100;
    const opportunity = fake.insert("Opportunity", {
      Name: ws.title,
      AccountId: accountId,
      Amount: amount,
      CloseDate: ws.start_date,
      StageName: "Closed Won",
      CurrencyIsoCode: ws.currency,
      ContractId: contract.Id,
      Billing_Type__c: "Time & Materials",
    });
    fake.insert("OpportunityLineItem", {
      OpportunityId: opportunity.Id,
      Name: "Professional services",
      Quantity: 1,
      UnitPrice: amount,
      TotalPrice: amount,
      ServiceDate: ws.start_date,
      Billing_Type__c: "Time & Materials",
      CurrencyIsoCode: ws.currency,
    });
    keys.set(ws.id, canonicalKey({ system: "salesforce", type: "Opportunity", id: opportunity.Id }));
  }
  return keys;
}

/** The external references that say which deal each Kantata workspace was created from. */
export function workspaceReferences(keys: ReadonlyMap<string, string>) {
  return [...keys].map(([workspaceId, key]) => ({
    subject_type: "Workspace",
    subject_id: workspaceId,
    service_name: "Ledgerline",
    service_model: "engagement",
    service_model_ref: key,
    status: "successful",
    external_link: null,
    external_message: null,
    last_synced_at: null,
  }));
}
