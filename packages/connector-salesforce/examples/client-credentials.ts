/**
 * Client credentials + upsertRecords: a Salesforce fake on 127.0.0.1, 450 accounts upserted by external id
 * through sObject Collections (3 calls), then a rerun the ledger skips, then a SOQL read.
 *
 *   node --conditions=@ledgerline/source --import tsx packages/connector-salesforce/examples/client-credentials.ts
 */
import { createSalesforceClient, soql } from "@ledgerline/connector-salesforce";
import { createSalesforceFake } from "@ledgerline/connector-salesforce/testing";
import { MemoryLedger } from "@ledgerline/core";

const fake = createSalesforceFake({
  clientCredentials: { clientId: "demo-app", clientSecret: "demo-secret" },
});
const server = await fake.listen();

try {
  const salesforce = createSalesforceClient({
    instanceUrl: server.url, // your My Domain, e.g. https://acme.my.salesforce.com
    auth: { type: "client-credentials", clientId: "demo-app", clientSecret: "demo-secret" },
    ledger: new MemoryLedger(), // FileLedger in production: reruns skip what was written
  });

  const accounts = Array.from({ length: 450 }, (_, i) => ({
    Ledgerline_Key__c: `ll-client-${i}`,
    Name: `Client ${i}`,
    BillingCountry: "Germany",
  }));
  const report = await salesforce.upsertRecords("Account", "Ledgerline_Key__c", accounts);
  console.log(`created ${report.created}, failed ${report.failed}, in ${report.calls} calls`);

  const rerun = await salesforce.upsertRecords("Account", "Ledgerline_Key__c", accounts);
  console.log(`rerun: unchanged ${rerun.unchanged}, in ${rerun.calls} calls`);

  const name = "Client 7";
  for await (const account of salesforce.query(soql`SELECT Id, Name FROM Account WHERE Name = ${name}`)) {
    console.log("found", account.Id, account.Name);
  }
  console.log("daily API usage", salesforce.apiUsage);
} finally {
  await fake.close();
}
