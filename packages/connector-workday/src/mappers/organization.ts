import {
  type CostCenter,
  type LegalEntity,
  type Practice,
  parseCostCenter,
  parseLegalEntity,
  parsePractice,
} from "@ledgerline/canonical";
import { FieldReader } from "@ledgerline/core";
import type { WorkdayOrganization } from "../workday-types.js";
import { readInstance, readWid } from "./instance.js";
import { workdayOrigin } from "./source.js";

/** Options of the organization mappers. */
export interface OrganizationOptions {
  /** When the organization was read, as `source.updatedAt`. @default "1970-01-01T00:00:00Z" (unknown) */
  observedAt?: string | undefined;
}

/** Options of {@link toLegalEntity}: what to use when Workday does not send a company's country or currency. */
export interface LegalEntityOptions extends OrganizationOptions {
  /** ISO 3166-1 alpha-2 country for companies sent without `country`; never guessed otherwise. */
  defaultCountry?: string | undefined;
  /** ISO 4217 currency for companies sent without `currency`; never guessed otherwise. */
  defaultCurrency?: string | undefined;
}

interface Common {
  wid: string;
  code: string;
  name: string;
  active: boolean;
  r: FieldReader;
}

/** The fields every organization mapper reads: WID, reference id (the code), name, active. */
function readCommon(org: unknown, what: string): Common {
  const r = new FieldReader(org, what);
  const wid = readWid(r);
  const descriptor = r.string("descriptor");
  const name = r.string("name", "optional");
  // The reference id is the business code dimension maps are keyed by; a WID is not a code.
  const code = r.string("referenceId");
  const active = r.boolean("isActive", "optional");
  readInstance(r, "organizationType");
  return { wid, code, name: name ?? descriptor, active: active ?? true, r };
}

/**
 * Workday cost center organization → canonical {@link CostCenter}: `code` ← `referenceId`
 * (`Cost_Center_Reference_ID`), `name` ← `name` or `descriptor`, `active` ← `isActive` (default true).
 * Total: a malformed organization throws a `ValidationError` naming each field and reason.
 */
export function toCostCenter(org: WorkdayOrganization, options: OrganizationOptions = {}): CostCenter {
  const c = readCommon(org, "Workday cost center");
  c.r.check();
  const content = { code: c.code, name: c.name, active: c.active };
  return parseCostCenter({
    ...workdayOrigin("organizations", c.wid, content, options.observedAt),
    ...content,
  });
}

/**
 * Workday company → canonical {@link LegalEntity}: `code` ← `referenceId` (`Company_Reference_ID`),
 * `country` and `functionalCurrency` ← `country` / `currency`, else the options' defaults; a company with
 * neither is rejected naming `country` or `currency` (never guessed).
 */
export function toLegalEntity(org: WorkdayOrganization, options: LegalEntityOptions = {}): LegalEntity {
  const c = readCommon(org, "Workday company");
  const country = c.r.string("country", "optional") ?? options.defaultCountry;
  const currency = c.r.string("currency", "optional") ?? options.defaultCurrency;
  if (country === undefined && !c.r.has("country")) {
    c.r.add("country", "is required: Workday sent none and no defaultCountry is configured", "required");
  }
  if (currency === undefined && !c.r.has("currency")) {
    c.r.add("currency", "is required: Workday sent none and no defaultCurrency is configured", "required");
  }
  c.r.check();
  const content = { code: c.code, name: c.name, active: c.active, country, functionalCurrency: currency };
  return parseLegalEntity({
    ...workdayOrigin("organizations", c.wid, content, options.observedAt),
    ...content,
  });
}

/**
 * Workday supervisory organization → canonical {@link Practice}, for firms whose practices are supervisory
 * organizations (see `practices` in `createWorkdayClient`): `code` ← `referenceId`
 * (`Organization_Reference_ID`), `name` ← `name` or `descriptor`.
 */
export function toPractice(org: WorkdayOrganization, options: OrganizationOptions = {}): Practice {
  const c = readCommon(org, "Workday supervisory organization");
  c.r.check();
  const content = { code: c.code, name: c.name, active: c.active };
  return parsePractice({
    ...workdayOrigin("organizations", c.wid, content, options.observedAt),
    ...content,
  });
}
