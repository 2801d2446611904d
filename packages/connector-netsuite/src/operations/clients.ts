import type { Client } from "@ledgerline/canonical";
import { toCustomer } from "../mappers/customer.js";
import type { RecordSpec } from "./post-records.js";

/** How clients are written: `customer` by external id = the client's canonical key. */
export const customerSpec: RecordSpec<Client> = {
  type: "customer",
  shape: "Client",
  keyOf: (client) => client.key,
  versionOf: (client) => client.source?.version,
  refsOf: (client) => [client.parent],
  map: (client, ctx) => toCustomer(client, ctx),
};
