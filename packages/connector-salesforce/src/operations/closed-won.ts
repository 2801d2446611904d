import type { Client } from "@ledgerline/canonical";
import type { SalesforceClient, SObjectRecord } from "../client.js";
import {
  readAs,
  type SalesforceEngagement,
  type SalesforceMapOptions,
  type SalesforceRead,
  toClient,
  toEngagement,
} from "../mappers/mappers.js";
import { soql } from "../soql.js";

/** A deal that reached Closed Won: the engagement it becomes and its client, each read or rejected. */
export interface ClosedWonDeal {
  /** The Opportunity's id. */
  opportunityId: string;
  /** When it last changed (`SystemModstamp`), as an ISO 8601 instant: the incremental checkpoint. */
  modifiedAt: string;
  /** Opportunity + line items + contract → canonical engagement, lines and milestones (or why not). */
  engagement: SalesforceRead<SalesforceEngagement>;
  /** Account → canonical client (or why not). */
  client: SalesforceRead<Client>;
}

/** Options of {@link readClosedWon}. */
export interface ClosedWonOptions {
  /** Deals changed at or after this instant (ISO 8601). */
  since: string;
  /** The org's custom fields and single currency. */
  mapOptions?: SalesforceMapOptions | undefined;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CHUNK = 200;

/** Field list text from checked identifiers (field-name options are not values, so not `soql` literals). */
function fields(names: readonly string[]): ReturnType<typeof soql> {
  for (const n of names)
    if (!IDENT.test(n)) throw new TypeError("readClosedWon: a field name option is not a SOQL identifier");
  const text = [...new Set(names)].join(", ");
  return soql(Object.assign([text], { raw: [text] }) as unknown as TemplateStringsArray);
}

/** `2026-03-01T09:30:00.000+0000` → epoch ms. */
function instantMs(value: unknown): number {
  return typeof value === "string" ? Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")) : Number.NaN;
}

/**
 * The Opportunities that reached Closed Won and changed at or after `since`, oldest change first, each with
 * its line items (one relationship subquery), account and contract (one query each per 200 deals), mapped
 * with {@link toEngagement} and {@link toClient} — a deal that cannot be mapped is yielded as a rejected read,
 * never dropped. SOQL dateTime literals have whole seconds, so the query asks from a second earlier and
 * drops the older rows itself.
 */
export async function* readClosedWon(
  client: Pick<SalesforceClient, "query">,
  options: ClosedWonOptions,
): AsyncGenerator<ClosedWonDeal> {
  const sinceMs = Date.parse(options.since);
  if (Number.isNaN(sinceMs)) throw new TypeError("readClosedWon: since must be an ISO 8601 instant");
  const billing = options.mapOptions?.billingTypeField ?? "Billing_Type__c";
  const milestone = options.mapOptions?.milestoneDateField ?? "Milestone_Date__c";
  const lineFields = fields([
    "Id",
    "OpportunityId",
    "Name",
    "Quantity",
    "UnitPrice",
    "TotalPrice",
    "ServiceDate",
    billing,
    milestone,
  ]);
  const oppFields = fields([
    "Id",
    "Name",
    "AccountId",
    "Amount",
    "CloseDate",
    "StageName",
    "IsWon",
    "CurrencyIsoCode",
    "ContractId",
    billing,
    "LastModifiedDate",
    "SystemModstamp",
  ]);
  const from = new Date(Math.floor(sinceMs / 1000) * 1000 - 1000);
  const deals: SObjectRecord[] = [];
  for await (const opp of client.query(
    soql`SELECT ${oppFields}, (SELECT ${lineFields} FROM OpportunityLineItems) FROM Opportunity WHERE StageName = ${"Closed Won"} AND SystemModstamp > ${from} ORDER BY SystemModstamp`,
  )) {
    if (instantMs(opp.SystemModstamp) >= sinceMs) deals.push(opp);
  }
  const ids = (field: string) => [
    ...new Set(deals.map((d) => d[field]).filter((v): v is string => typeof v === "string")),
  ];
  const accounts = new Map<string, SObjectRecord>();
  const contracts = new Map<string, SObjectRecord>();
  const accountIds = ids("AccountId");
  for (let i = 0; i < accountIds.length; i += CHUNK) {
    const chunk = accountIds.slice(i, i + CHUNK);
    for await (const a of client.query(
      soql`SELECT Id, Name, AccountNumber, ParentId, CurrencyIsoCode, BillingCountryCode, LastModifiedDate, SystemModstamp FROM Account WHERE Id IN ${chunk}`,
    ))
      accounts.set(String(a.Id), a);
  }
  const contractIds = ids("ContractId");
  for (let i = 0; i < contractIds.length; i += CHUNK) {
    const chunk = contractIds.slice(i, i + CHUNK);
    for await (const c of client.query(
      soql`SELECT Id, AccountId, Status, StartDate, EndDate, LastModifiedDate, SystemModstamp FROM Contract WHERE Id IN ${chunk}`,
    ))
      contracts.set(String(c.Id), c);
  }
  for (const opp of deals) {
    const lines = (opp.OpportunityLineItems as { records?: unknown[] } | null | undefined)?.records ?? [];
    const contract = typeof opp.ContractId === "string" ? contracts.get(opp.ContractId) : undefined;
    const account = typeof opp.AccountId === "string" ? accounts.get(opp.AccountId) : undefined;
    yield {
      opportunityId: String(opp.Id),
      modifiedAt: new Date(instantMs(opp.SystemModstamp)).toISOString(),
      engagement: readAs("Opportunity", opp, () => toEngagement(opp, lines, contract, options.mapOptions)),
      client: readAs("Account", account ?? { Id: opp.AccountId }, () =>
        toClient(account, options.mapOptions),
      ),
    };
  }
}
