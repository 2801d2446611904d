import {
  BillingType,
  type BillingTypeValue,
  CanonicalValidationError,
  type Client,
  canonicalKey,
  currencyExponent,
  type Engagement,
  type Money,
  parseClient,
  parseEngagement,
} from "@ledgerline/canonical";
import { ValidationError } from "@ledgerline/core";
import { FieldReader } from "./fields.js";

/** Options of the mappers: the org's custom field names and its single currency. */
export interface SalesforceMapOptions {
  /** Currency of an org without multi-currency (records then carry no `CurrencyIsoCode`). Never guessed. */
  defaultCurrency?: string | undefined;
  /** Picklist field holding the billing type on Opportunity and OpportunityLineItem. @default "Billing_Type__c" */
  billingTypeField?: string | undefined;
  /** Date field of a milestone line. @default "Milestone_Date__c" */
  milestoneDateField?: string | undefined;
}

/** One sold line of an engagement (an OpportunityLineItem). */
export interface EngagementLine {
  /** OpportunityLineItem id. */
  id: string;
  product?: string | undefined;
  /** Quantity as an exact decimal string. */
  quantity: string;
  unitPrice: Money;
  total: Money;
  /** Billing type of the line; an unknown picklist value is kept raw (`code: "other"`). */
  billingType?: BillingTypeValue | undefined;
  serviceDate?: string | undefined;
}

/** A billing milestone read from a milestone line. */
export interface EngagementMilestone {
  lineId: string;
  name: string;
  amount: Money;
  dueDate?: string | undefined;
}

/** A Closed Won opportunity as a canonical engagement with its lines and milestones. */
export interface SalesforceEngagement {
  engagement: Engagement;
  lines: EngagementLine[];
  milestones: EngagementMilestone[];
}

/** One Salesforce record read as canonical: the value, or why not (fields and reasons, never values). */
export type SalesforceRead<T> =
  | { ok: true; key: string; source: { type: string; id: string }; value: T }
  | { ok: false; key: string; source: { type: string; id: string }; error: ValidationError };

const SYSTEM = "salesforce";

function origin(r: FieldReader, type: string) {
  const id = r.id("Id");
  const updatedAt = r.instant("LastModifiedDate");
  const version =
    typeof r.raw("SystemModstamp") === "string" ? (r.raw("SystemModstamp") as string) : (updatedAt ?? "");
  return {
    id,
    updatedAt,
    source: id && updatedAt ? { system: SYSTEM, type, id, version, updatedAt } : undefined,
  };
}

function currencyOf(r: FieldReader, options: SalesforceMapOptions): string | undefined {
  const raw = r.raw("CurrencyIsoCode");
  if (raw === undefined || raw === null) {
    if (options.defaultCurrency && currencyExponent(options.defaultCurrency) !== undefined) {
      return options.defaultCurrency;
    }
    r.add("CurrencyIsoCode", "is absent and no defaultCurrency is configured", "currency_unknown");
    return undefined;
  }
  if (typeof raw !== "string" || currencyExponent(raw) === undefined) {
    r.add("CurrencyIsoCode", "must be an ISO 4217 currency code", "currency_unknown");
    return undefined;
  }
  return raw;
}

function countryCode(r: FieldReader): string | undefined {
  const v = r.raw("BillingCountryCode");
  if (typeof v === "string" && /^[A-Z]{2}$/.test(v)) return v;
  return undefined;
}

/**
 * Salesforce Account → canonical {@link Client}. Pure and total over well-formed input; throws a
 * `ValidationError` naming each offending field (never a value) otherwise. `ParentId` becomes `parent`.
 */
export function toClient(account: unknown, options: SalesforceMapOptions = {}): Client {
  const r = new FieldReader(account, "Salesforce Account");
  const { source } = origin(r, "Account");
  const name = r.string("Name");
  const parentId = r.id("ParentId", false);
  const number = r.string("AccountNumber", false, 64);
  const rawCurrency = r.raw("CurrencyIsoCode");
  const currency =
    rawCurrency === undefined || rawCurrency === null ? options.defaultCurrency : currencyOf(r, options);
  r.check();
  const src = source as NonNullable<typeof source>;
  return parseClient({
    key: canonicalKey(src),
    source: src,
    name,
    active: true,
    ...(number ? { number } : {}),
    ...(currency ? { currency } : {}),
    ...(countryCode(r) ? { country: countryCode(r) } : {}),
    ...(parentId
      ? {
          parent: {
            key: canonicalKey({ system: SYSTEM, type: "Account", id: parentId }),
            ids: { salesforce: parentId },
          },
        }
      : {}),
  });
}

/**
 * A Closed Won Opportunity with its OpportunityLineItems (and optional Contract) → a canonical
 * {@link Engagement} with its lines and billing milestones: currency from `CurrencyIsoCode` (or the
 * configured default, never guessed), amounts exact, start / end from the Contract (else the first
 * service date / the close date), billing type from the opportunity's picklist or — when every line
 * agrees — its lines. Unknown picklist values are kept raw (`code: "other"`). An opportunity that is not
 * Closed Won is rejected with `NOT_READY`; a line of another opportunity with `PROJECT_MISMATCH`.
 * @throws ValidationError naming each offending field (`lines.2.UnitPrice`), never a value
 */
export function toEngagement(
  opportunity: unknown,
  lineItems: readonly unknown[] = [],
  contract?: unknown,
  options: SalesforceMapOptions = {},
): SalesforceEngagement {
  const billingField = options.billingTypeField ?? "Billing_Type__c";
  const milestoneField = options.milestoneDateField ?? "Milestone_Date__c";
  const r = new FieldReader(opportunity, "Salesforce Opportunity");
  const { id, source } = origin(r, "Opportunity");
  const name = r.string("Name");
  const accountId = r.id("AccountId");
  const stage = r.string("StageName");
  const isWon = r.boolean("IsWon");
  if (stage !== undefined && (stage !== "Closed Won" || isWon === false)) r.reason("StageName", "NOT_READY");
  const currency = currencyOf(r, options);
  const amount = r.money("Amount", currency);
  const closeDate = r.date("CloseDate");
  const rawBilling = r.raw(billingField);
  if (rawBilling !== undefined && rawBilling !== null && typeof rawBilling !== "string") {
    r.add(billingField, "must be a picklist value (string)", "invalid_type");
  }

  const lines: EngagementLine[] = [];
  const milestones: EngagementMilestone[] = [];
  if (!Array.isArray(lineItems)) r.add("lines", "must be an array", "invalid_type");
  for (const [i, item] of (Array.isArray(lineItems) ? lineItems : []).entries()) {
    const l = new FieldReader(item, "OpportunityLineItem");
    const lineId = l.id("Id");
    const oppId = l.id("OpportunityId");
    if (oppId && id && oppId !== id) l.reason("OpportunityId", "PROJECT_MISMATCH");
    const quantity = l.decimal("Quantity", true);
    const unitPrice = l.money("UnitPrice", currency, true);
    const total = l.money("TotalPrice", currency, true);
    const serviceDate = l.date("ServiceDate");
    const lineBilling = l.raw(billingField);
    if (lineBilling !== undefined && lineBilling !== null && typeof lineBilling !== "string") {
      l.add(billingField, "must be a picklist value (string)", "invalid_type");
    }
    const dueDate = l.date(milestoneField);
    const product = l.string("Name", false);
    for (const issue of l.issues)
      r.add(`lines.${i}${issue.path ? `.${issue.path}` : ""}`, issue.message, issue.code ?? "invalid");
    if (l.issues.length > 0 || !lineId || !quantity || !unitPrice || !total) continue;
    const billingType =
      typeof lineBilling === "string" && lineBilling !== "" ? BillingType.normalize(lineBilling) : undefined;
    lines.push({
      id: lineId,
      ...(product ? { product } : {}),
      quantity,
      unitPrice,
      total,
      ...(billingType ? { billingType } : {}),
      ...(serviceDate ? { serviceDate } : {}),
    });
    if (billingType?.code === "milestone") {
      milestones.push({ lineId, name: product ?? lineId, amount: total, ...(dueDate ? { dueDate } : {}) });
    }
  }

  let startDate: string | undefined;
  let endDate: string | undefined;
  if (contract !== undefined && contract !== null) {
    const c = new FieldReader(contract, "Contract");
    const contractAccount = c.id("AccountId", false);
    if (contractAccount && accountId && contractAccount !== accountId)
      c.add("AccountId", "must be the opportunity's account", "account_mismatch");
    startDate = c.date("StartDate");
    endDate = c.date("EndDate");
    for (const issue of c.issues) r.add(`contract.${issue.path}`, issue.message, issue.code ?? "invalid");
  }
  startDate ??=
    lines
      .map((l) => l.serviceDate)
      .filter((d): d is string => !!d)
      .sort()[0] ?? closeDate;
  if (startDate && endDate && endDate < startDate)
    r.add("contract.EndDate", "must not be before the start date", "invalid_range");

  let billingType: BillingTypeValue | undefined;
  if (typeof rawBilling === "string" && rawBilling !== "") billingType = BillingType.normalize(rawBilling);
  else {
    const kinds = new Set(
      lines.map((l) => (l.billingType ? `${l.billingType.code}:${l.billingType.raw ?? ""}` : "")),
    );
    const only = lines[0]?.billingType;
    if (kinds.size === 1 && only) billingType = only;
    else r.reason(billingField, "BILLING_TYPE_UNKNOWN");
  }
  r.check();

  const src = source as NonNullable<typeof source>;
  const engagement = parseEngagement({
    key: canonicalKey(src),
    source: src,
    client: {
      key: canonicalKey({ system: SYSTEM, type: "Account", id: accountId as string }),
      ids: { salesforce: accountId as string },
    },
    name,
    status: { code: "planned", raw: stage },
    billingType,
    currency,
    billingTerms: amount ? { contractValue: amount } : {},
    ...(startDate ? { startDate } : {}),
    ...(endDate ? { endDate } : {}),
  });
  return { engagement, lines, milestones };
}

/**
 * Runs a mapper on one record and never throws: the value, or a rejected read naming fields and reasons.
 */
export function readAs<T>(type: string, record: unknown, map: () => T): SalesforceRead<T> {
  const own = typeof record === "object" && record !== null ? (record as Record<string, unknown>) : {};
  const id = typeof own.Id === "string" && own.Id !== "" ? own.Id : "unknown";
  const source = { type, id };
  let key = `salesforce-${type}-unknown`;
  try {
    key = canonicalKey({ system: SYSTEM, type, id });
    return { ok: true, key, source, value: map() };
  } catch (e) {
    const error =
      e instanceof CanonicalValidationError
        ? new ValidationError(`Salesforce ${type} record cannot be mapped`, e.issues)
        : e instanceof ValidationError
          ? e
          : new ValidationError(`Salesforce ${type} record cannot be mapped`, [
              { path: "", message: "mapping failed", code: "mapping_failed" },
            ]);
    return { ok: false, key, source, error };
  }
}
