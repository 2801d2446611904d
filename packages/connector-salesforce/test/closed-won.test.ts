import { describe, expect, it } from "vitest";
import { createSalesforceClient, readClosedWon } from "../src/index.js";
import { createSalesforceFake } from "../src/testing/index.js";

describe("readClosedWon", () => {
  it("yields the deals that reached Closed Won since the checkpoint, each mapped or rejected, never dropped", async () => {
    const fake = createSalesforceFake();
    const sf = createSalesforceClient({
      instanceUrl: fake.baseUrl,
      auth: { type: "client-credentials", clientId: "id", clientSecret: "secret" },
      fetch: fake.fetch,
    });
    const account = fake.insert("Account", { Name: "Globex", CurrencyIsoCode: "USD" });
    const contract = fake.insert("Contract", {
      AccountId: account.Id,
      StartDate: "2026-12-01",
      EndDate: "2027-05-31",
    });
    const won = fake.insert("Opportunity", {
      Name: "Data platform SOW",
      AccountId: account.Id,
      Amount: 5000.5,
      CloseDate: "2026-11-27",
      StageName: "Closed Won",
      CurrencyIsoCode: "USD",
      ContractId: contract.Id,
      Billing_Type__c: "Time & Materials",
    });
    fake.insert("OpportunityLineItem", {
      OpportunityId: won.Id,
      Quantity: 2,
      UnitPrice: 2500.25,
      TotalPrice: 5000.5,
      Billing_Type__c: "Milestone",
      Milestone_Date__c: "2027-01-31",
      Name: "Go-live",
    });
    fake.insert("Opportunity", {
      Name: "Open",
      AccountId: account.Id,
      CloseDate: "2026-12-31",
      StageName: "Prospecting",
    });
    const odd = fake.insert("Opportunity", {
      Name: "No billing type",
      AccountId: account.Id,
      CloseDate: "2026-11-28",
      StageName: "Closed Won",
      CurrencyIsoCode: "USD",
    });

    const deals = [];
    for await (const deal of readClosedWon(sf, { since: "2026-01-01T00:00:00Z" })) deals.push(deal);
    expect(deals.map((d) => d.opportunityId)).toEqual([won.Id, odd.Id]);
    const [first, second] = deals;
    expect(first?.engagement.ok && first.engagement.value.engagement).toMatchObject({
      name: "Data platform SOW",
      currency: "USD",
      startDate: "2026-12-01",
      endDate: "2027-05-31",
      billingTerms: { contractValue: { amount: "5000.5", currency: "USD" } },
    });
    expect(first?.engagement.ok && first.engagement.value.milestones).toEqual([
      {
        lineId: expect.any(String),
        name: "Go-live",
        amount: { amount: "5000.5", currency: "USD" },
        dueDate: "2027-01-31",
      },
    ]);
    expect(first?.client.ok && first.client.value.name).toBe("Globex");
    expect(second?.engagement.ok).toBe(false);
    if (second && !second.engagement.ok) {
      expect(second.engagement.error.issues.map((i) => i.code)).toContain("BILLING_TYPE_UNKNOWN");
    }

    // Nothing changed after the checkpoint: nothing is read.
    const later = [];
    for await (const deal of readClosedWon(sf, { since: new Date(Date.now() + 5000).toISOString() }))
      later.push(deal);
    expect(later).toEqual([]);
    fake.api.assertNoViolations();
  });
});
