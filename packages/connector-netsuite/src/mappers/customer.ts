import type { Client } from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import type { components } from "../generated/netsuite.js";
import {
  assertCanonical,
  codeRef,
  compact,
  dimensionRef,
  IssueList,
  type MapContext,
  refId,
} from "./context.js";

/** A NetSuite `customer` request body. */
export type CustomerBody = components["schemas"]["Customer"];

/**
 * Maps a canonical client to a NetSuite `customer`: `companyName`, `entityId` (the client number, when
 * given), `parent`, `subsidiary` (legal entity), `currency`, `email`, `isInactive`, and `externalId` = key.
 * @throws ValidationError listing every field that cannot be mapped (`INVALID_RECORD` when the input is not a
 * canonical Client)
 */
export function toCustomer(client: Client, ctx: MapContext = {}): CustomerBody {
  assertCanonical("Client", client);
  const issues = new IssueList();
  const body = compact({
    externalId: client.key,
    companyName: client.name,
    entityId: client.number,
    isPerson: false,
    email: client.email,
    isInactive: !client.active,
    parent: client.parent ? refId(ctx, client.parent, "parent", issues, "customer") : undefined,
    subsidiary: dimensionRef(ctx, "legalEntity", client.legalEntity, "legalEntity", "subsidiary", issues),
    currency:
      client.currency && ctx.currencies
        ? codeRef(ctx.currencies, client.currency, "currency", "currency", issues)
        : undefined,
  }) satisfies CustomerBody;
  if (issues.issues.length > 0)
    throw new ValidationError(`client ${client.key} cannot be mapped to NetSuite`, issues.issues);
  return body;
}
