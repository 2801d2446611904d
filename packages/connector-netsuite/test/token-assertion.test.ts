import { generateKeyPairSync } from "node:crypto";
import { AuthError } from "@ledgerline/core";
import { afterEach, describe, expect, it } from "vitest";
import { createNetSuiteClient } from "../src/index.js";
import { createNetSuiteFake, type NetSuiteFake } from "../src/testing/index.js";
import { ctx, timeEntry } from "./fixtures.js";

let fake: NetSuiteFake;
afterEach(async () => {
  await fake.close();
});

describe("the fake's token endpoint verifies assertions with jose", () => {
  it("refuses an assertion signed by another key than the certificate's", async () => {
    const certificate = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const other = generateKeyPairSync("ec", { namedCurve: "P-256" });
    fake = createNetSuiteFake({ requireAuth: true, token: { publicKey: certificate.publicKey } });
    const netsuite = createNetSuiteClient({
      accountId: "123456_SB1",
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      masterData: ctx,
      retry: false,
      auth: {
        type: "oauth2-m2m",
        clientId: "client-1",
        certificateId: "cert-1",
        privateKey: other.privateKey,
        algorithm: "ES256",
      },
    });
    const result = await netsuite.postTimeEntry(timeEntry("1"));
    expect(result.status).toBe("failed");
    expect(result.error).toBeInstanceOf(AuthError);
    expect((result.error as AuthError).message).toMatch(/signature does not verify/);
    expect(fake.records("timeBill")).toHaveLength(0);
  });
});
