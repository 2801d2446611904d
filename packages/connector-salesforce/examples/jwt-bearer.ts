/**
 * JWT bearer: the client signs an RS256 assertion (exp ≤ 3 minutes) with the connected app's key, trades
 * it for a token, and sends its requests to the token's instance_url. Here the key pair is made on the fly
 * and the fake's token endpoint verifies the signature.
 *
 *   node --conditions=@ledgerline/source --import tsx packages/connector-salesforce/examples/jwt-bearer.ts
 */
import { generateKeyPairSync } from "node:crypto";
import { createSalesforceClient } from "@ledgerline/connector-salesforce";
import { createSalesforceFake } from "@ledgerline/connector-salesforce/testing";

const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const fake = createSalesforceFake({ jwtPublicKey: publicKey });
const server = await fake.listen();

try {
  const salesforce = createSalesforceClient({
    instanceUrl: server.url,
    auth: {
      type: "jwt-bearer",
      clientId: "3MVG9-consumer-key",
      username: "integration@acme.example",
      privateKey, // readFileSync("server.key", "utf8") in production
      loginUrl: server.url, // https://login.salesforce.com (or test.salesforce.com) in production
    },
  });
  const report = await salesforce.upsertRecords("Opportunity", "Ledgerline_Key__c", [
    {
      Ledgerline_Key__c: "ll-sow-1",
      Name: "Data platform SOW",
      StageName: "Closed Won",
      CloseDate: "2026-11-30",
    },
  ]);
  console.log(
    "opportunity",
    report.results[0]?.status,
    "via",
    salesforce.instanceUrl === server.url ? "instance_url" : "?",
  );
} finally {
  await fake.close();
}
