// OAuth 2.0 client credentials (M2M): a JWT assertion signed with your certificate's private key.
import { generateKeyPairSync } from "node:crypto";
import { createNetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";

// In production: the PEM of the certificate uploaded under Setup > Integration > OAuth 2.0 Client
// Credentials (M2M) Setup, e.g. readFileSync(process.env.NETSUITE_KEY_FILE, "utf8").
const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();

const fake = createNetSuiteFake({ requireAuth: true }); // checks the assertion's typ, alg, kid, iss, scope, aud, exp
const server = await fake.listen();

const netsuite = createNetSuiteClient({
  accountId: "123456_SB1",
  baseUrl: server.url, // omit for the real account
  auth: {
    type: "oauth2-m2m",
    clientId: "your-integration-client-id", // process.env.NETSUITE_CLIENT_ID
    certificateId: "your-certificate-id", // process.env.NETSUITE_CERTIFICATE_ID
    privateKey: pem,
    algorithm: "ES256", // or PS256 (default), PS384, PS512, ES384, ES512
  },
});

const limits = await netsuite.governanceLimits();
console.log(limits.accountConcurrencyLimit, fake.assertions[0]?.payload.scope);
// → 5 rest_webservices

await fake.close();
