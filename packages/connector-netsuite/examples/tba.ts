// Token-based authentication (OAuth 1.0a, HMAC-SHA256). Oracle is retiring TBA: prefer OAuth 2.0 M2M.
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";

// The fake verifies each signature against these credentials, as NetSuite does.
const fake = createNetSuiteFake({
  requireAuth: true,
  tba: {
    consumerKey: "consumer-key",
    consumerSecret: "consumer-secret",
    tokenId: "token-id",
    tokenSecret: "token-secret",
  },
});
const server = await fake.listen();

const netsuite = createNetSuiteClient({
  accountId: "123456_SB1", // realm "123456_SB1", host "123456-sb1"
  baseUrl: server.url, // omit for the real account
  auth: {
    type: "tba",
    consumerKey: "consumer-key", // process.env.NETSUITE_CONSUMER_KEY
    consumerSecret: "consumer-secret", // process.env.NETSUITE_CONSUMER_SECRET
    tokenId: "token-id", // process.env.NETSUITE_TOKEN_ID
    tokenSecret: "token-secret", // process.env.NETSUITE_TOKEN_SECRET
  },
});

// Query-string parameters (limit, offset) are part of the signature.
const rows = await netsuite.suiteql.all(
  { q: "SELECT id FROM employee WHERE id > ?", params: [0] },
  { pageSize: 10 },
);
console.log(rows.length);
// → 0

await fake.close();
