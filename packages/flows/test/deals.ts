import type { SalesforceFake } from "@ledgerline/connector-salesforce/testing";

/** Closes a deal in the Salesforce fake as a salesperson would: account, contract, Closed Won opportunity, lines. */
export function closeDeal(
  fake: SalesforceFake,
  deal: { account?: string; name?: string; amount?: number; endDate?: string } = {},
) {
  const account =
    fake.records("Account").find((a) => a.Name === (deal.account ?? "Globex")) ??
    fake.insert("Account", {
      Name: deal.account ?? "Globex",
      BillingCountryCode: "US",
      CurrencyIsoCode: "USD",
    });
  const contract = fake.insert("Contract", {
    AccountId: account.Id,
    Status: "Activated",
    StartDate: "2026-12-01",
    EndDate: deal.endDate ?? "2027-05-31",
    CurrencyIsoCode: "USD",
  });
  const opportunity = fake.insert("Opportunity", {
    Name: deal.name ?? "Globex — Data platform SOW",
    AccountId: account.Id,
    Amount: deal.amount ?? 125000.5,
    CloseDate: "2026-11-27",
    StageName: "Closed Won",
    CurrencyIsoCode: "USD",
    ContractId: contract.Id,
    Billing_Type__c: "Time & Materials",
  });
  fake.insert("OpportunityLineItem", {
    OpportunityId: opportunity.Id,
    Name: "Data engineering",
    Quantity: 480,
    UnitPrice: 250,
    TotalPrice: 120000,
    ServiceDate: "2026-12-01",
    Billing_Type__c: "Time & Materials",
    CurrencyIsoCode: "USD",
  });
  fake.insert("OpportunityLineItem", {
    OpportunityId: opportunity.Id,
    Name: "Go-live sign-off",
    Quantity: 1,
    UnitPrice: 5000.5,
    TotalPrice: 5000.5,
    ServiceDate: "2027-05-31",
    Billing_Type__c: "Milestone",
    Milestone_Date__c: "2027-05-31",
    CurrencyIsoCode: "USD",
  });
  return { account, contract, opportunity };
}
