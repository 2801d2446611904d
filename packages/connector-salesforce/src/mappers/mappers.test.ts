import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readAs, toClient, toEngagement } from "./mappers.js";

const account = {
  attributes: { type: "Account" },
  Id: "0015g00000XyZ12AAB",
  Name: "Northwind",
  LastModifiedDate: "2026-10-02T08:15:27.000+0000",
  CurrencyIsoCode: "EUR",
};
const opp = {
  Id: "0065g00000QrStUAAV",
  Name: "SOW",
  AccountId: "0015g00000XyZ12AAB",
  Amount: 1000,
  CloseDate: "2026-10-28",
  StageName: "Closed Won",
  IsWon: true,
  CurrencyIsoCode: "JPY",
  LastModifiedDate: "2026-10-28T17:20:44.000+0000",
};
const line = (over: Record<string, unknown> = {}) => ({
  Id: "00k5g00000AbC01AAF",
  OpportunityId: "0065g00000QrStUAAV",
  Quantity: 2,
  UnitPrice: 500,
  TotalPrice: 1000,
  Billing_Type__c: "T&M",
  ...over,
});

describe("mappers", () => {
  it("rejects an opportunity that is not Closed Won with NOT_READY", () => {
    expect(() => toEngagement({ ...opp, StageName: "Negotiation", IsWon: false }, [line()])).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ path: "StageName", code: "NOT_READY" })],
      }),
    );
  });

  it("rejects amounts finer than the currency allows (PRECISION), naming the line field, never the value", () => {
    const read = readAs("Opportunity", opp, () => toEngagement(opp, [line({ UnitPrice: 500.25 })]));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.issues).toContainEqual(
      expect.objectContaining({ path: "lines.0.UnitPrice", code: "PRECISION" }),
    );
    expect(read.error.message).not.toContain("500.25");
  });

  it("never guesses a currency, and never a billing type when lines disagree", () => {
    const { CurrencyIsoCode: _c, ...noCurrency } = opp;
    const read = readAs("Opportunity", noCurrency, () =>
      toEngagement(noCurrency, [line(), line({ Id: "00k5g00000AbC02AAF", Billing_Type__c: "Fixed Fee" })]),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(["currency_unknown", "BILLING_TYPE_UNKNOWN"]),
    );
    const withDefault = toEngagement(noCurrency, [line()], undefined, { defaultCurrency: "JPY" });
    expect(withDefault.engagement.billingType.code).toBe("time_and_materials");
  });

  it("rejects a line of another opportunity (PROJECT_MISMATCH) and a contract ending before it starts", () => {
    const read = readAs("Opportunity", opp, () =>
      toEngagement(opp, [line({ OpportunityId: "0065g00000ZZZZZAAV" })], {
        StartDate: "2027-02-01",
        EndDate: "2027-01-01",
      }),
    );
    expect(read.ok ? [] : read.error.issues.map((i) => `${i.path}:${i.code}`)).toEqual(
      expect.arrayContaining(["lines.0.OpportunityId:PROJECT_MISMATCH", "contract.EndDate:invalid_range"]),
    );
  });

  it("is total on hostile input: every record ends as a value or a typed rejection without values", () => {
    const hostile = fc.oneof(
      fc.anything(),
      fc.record({
        Id: fc.oneof(fc.string(), fc.constant(account.Id), fc.integer()),
        Name: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        LastModifiedDate: fc.oneof(fc.string(), fc.constant(account.LastModifiedDate)),
        CurrencyIsoCode: fc.oneof(fc.string(), fc.constant("EUR"), fc.constant(null)),
        Amount: fc.oneof(fc.double(), fc.string(), fc.constant(1e300)),
        StageName: fc.oneof(fc.string(), fc.constant("Closed Won")),
        AccountId: fc.oneof(fc.string(), fc.constant(account.Id)),
      }),
    );
    fc.assert(
      fc.property(hostile, fc.array(fc.anything(), { maxLength: 3 }), (record, lines) => {
        for (const read of [
          readAs("Account", record, () => toClient(record)),
          readAs("Opportunity", record, () => toEngagement(record, lines)),
        ]) {
          if (read.ok) continue;
          expect(read.error.code).toBe("VALIDATION_ERROR");
          expect(read.error.issues.length).toBeGreaterThan(0);
          for (const issue of read.error.issues) expect(typeof issue.path).toBe("string");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("maps an Account without currency in a single-currency org to a client without currency", () => {
    const { CurrencyIsoCode: _c, ...plain } = account;
    expect(toClient(plain).currency).toBeUndefined();
    expect(toClient(plain, { defaultCurrency: "USD" }).currency).toBe("USD");
  });
});
