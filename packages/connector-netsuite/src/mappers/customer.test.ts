import { describe, expect, it } from "vitest";
import { client, ctx } from "../../test/fixtures.js";
import { toCustomer } from "./customer.js";

describe("toCustomer", () => {
  it("maps a client to a customer keyed by external id", () => {
    expect(toCustomer(client, ctx)).toEqual({
      externalId: "salesforce-account-001",
      companyName: "Acme Ltd",
      entityId: "C-001",
      isPerson: false,
      email: "ap@acme.test",
      isInactive: false,
      subsidiary: { id: "4" },
    });
  });

  it("refuses an unmapped legal entity and a parent without a NetSuite id", () => {
    expect(() => toCustomer({ ...client, legalEntity: "US", parent: { key: "x-y-z" } }, ctx)).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({ path: "parent" }),
          expect.objectContaining({ path: "legalEntity" }),
        ],
      }),
    );
  });
});
