import type { Client } from "./client.js";
import type { Dimensions } from "./dimensions.js";
import type { Engagement } from "./engagement.js";
import {
  type BusinessImpact,
  createIntegrationException,
  type ExceptionRecord,
  type IntegrationException,
} from "./integration-exception.js";
import type { CostCenter, LegalEntity } from "./master-data.js";
import type { Project } from "./project.js";
import type { Resource } from "./resource.js";

/** A system that can own a field: `salesforce`, `workday`, `kantata`, `netsuite`, or another by name. */
export type OwnerSystem = "salesforce" | "workday" | "kantata" | "netsuite" | (string & {});

/** The canonical objects whose fields have a system of record. */
export interface OwnedObjects {
  Client: Client;
  Engagement: Engagement;
  Project: Project;
  Resource: Resource;
  CostCenter: CostCenter;
  LegalEntity: LegalEntity;
}

/** Name of an object with owned fields (`Client`, `Project` …). */
export type OwnedObject = keyof OwnedObjects;

/**
 * A field of a canonical object that can be owned: a top-level field, or one canonical dimension as
 * `dimensions.<kind>` (a person's cost center is `Resource` / `dimensions.costCenter`).
 */
export type OwnedField<O extends OwnedObject> =
  | Exclude<keyof OwnedObjects[O] & string, "key" | "source" | "correlationId" | "deleted">
  | (OwnedObjects[O] extends { dimensions?: Dimensions } ? `dimensions.${keyof Dimensions & string}` : never);

/**
 * System of record per field: for each canonical object, which system owns which of its fields. A flow
 * writes a field into another system only when the value comes from the field's owner; a field with no
 * owner listed may be written by any flow.
 */
export type FieldOwnershipTable = {
  readonly [O in OwnedObject]?: Readonly<Partial<Record<OwnedField<O>, OwnerSystem>>>;
};

/**
 * The default ownership of a professional-services firm: Salesforce owns the client and what was sold
 * (name, billing terms, currency, contract dates and value), Workday owns people and the organisation (a
 * person's name, email, employment and cost center; cost centers and companies), Kantata (the PSA) owns
 * how delivery runs (project status). Copy and change it where your firm differs.
 */
export const DEFAULT_FIELD_OWNERSHIP = {
  Client: {
    name: "salesforce",
    number: "salesforce",
    parent: "salesforce",
    currency: "salesforce",
    country: "salesforce",
    paymentTermsDays: "salesforce",
    legalEntity: "salesforce",
  },
  Engagement: {
    name: "salesforce",
    number: "salesforce",
    client: "salesforce",
    billingType: "salesforce",
    billingTerms: "salesforce",
    currency: "salesforce",
    startDate: "salesforce",
    endDate: "salesforce",
    signedAt: "salesforce",
    status: "kantata",
  },
  Project: {
    name: "salesforce",
    client: "salesforce",
    engagement: "salesforce",
    billingType: "salesforce",
    currency: "salesforce",
    budget: "salesforce",
    startDate: "salesforce",
    endDate: "salesforce",
    status: "kantata",
    requiresTimeApproval: "kantata",
    requiresExpenseApproval: "kantata",
  },
  Resource: {
    name: "workday",
    email: "workday",
    employeeNumber: "workday",
    kind: "workday",
    active: "workday",
    title: "workday",
    manager: "workday",
    startDate: "workday",
    endDate: "workday",
    "dimensions.costCenter": "workday",
    "dimensions.legalEntity": "workday",
  },
  CostCenter: { code: "workday", name: "workday", active: "workday", parent: "workday" },
  LegalEntity: { code: "workday", name: "workday", active: "workday", country: "workday" },
} as const satisfies FieldOwnershipTable;

/** Exception code of a write refused because another system owns the field. */
export const FIELD_OWNERSHIP_CONFLICT = "FIELD_OWNERSHIP_CONFLICT";

/** The system that owns `field` of `object` in `table`, or `undefined` when nobody does. */
export function fieldOwner<O extends OwnedObject>(
  table: FieldOwnershipTable,
  object: O,
  field: OwnedField<O>,
): OwnerSystem | undefined {
  const fields = table[object] as Readonly<Record<string, OwnerSystem>> | undefined;
  if (fields === undefined || !Object.hasOwn(fields, field)) return undefined;
  return fields[field as string];
}

/** One field a flow wants to write: the value the target holds now and the value the flow would write. */
export interface FieldChange {
  /** Value in the target system now; `undefined` when the field is not set there (e.g. a record being created). */
  current: unknown;
  /** Value the flow would write. */
  proposed: unknown;
}

/** Arguments of {@link checkFieldOwnership}. */
export interface FieldOwnershipCheck<O extends OwnedObject> {
  table: FieldOwnershipTable;
  object: O;
  /** The system the proposed values come from (Salesforce, for values read from an Opportunity). */
  writer: OwnerSystem;
  /** The system being written to (for the exception message). */
  target: OwnerSystem;
  /** The record concerned (for the exceptions). */
  record: ExceptionRecord;
  /** The fields the flow would change. Unchanged fields (`current` equal to `proposed`) are never a conflict. */
  changes: Partial<Record<OwnedField<O>, FieldChange>>;
  /** Impact of a conflict. @default "data-quality" */
  impact?: BusinessImpact;
  correlationId?: string;
  now?: Date;
}

/** Result of {@link checkFieldOwnership}. */
export interface FieldOwnershipResult<O extends OwnedObject> {
  /** Fields the writer may write: it owns them, nobody does, or the target does not hold a value yet. */
  write: OwnedField<O>[];
  /** Fields left as they are because their value is the same. */
  unchanged: OwnedField<O>[];
  /** One `FIELD_OWNERSHIP_CONFLICT` exception per field another system owns whose value differs. */
  conflicts: IntegrationException[];
}

/**
 * Decides, field by field, what a flow may write: a field the writer owns (or nobody owns) is written; a
 * field another system owns is never overwritten — when its value differs, that is a
 * `FIELD_OWNERSHIP_CONFLICT` exception naming the field and its owner (never the values), to be resolved
 * in the owning system. A field the target does not hold yet (`current` undefined) may be given its first
 * value by anyone. Pure; values are compared structurally (JSON).
 */
export function checkFieldOwnership<O extends OwnedObject>(
  check: FieldOwnershipCheck<O>,
): FieldOwnershipResult<O> {
  const result: FieldOwnershipResult<O> = { write: [], unchanged: [], conflicts: [] };
  for (const [field, change] of Object.entries(check.changes) as [OwnedField<O>, FieldChange][]) {
    if (change === undefined) continue;
    if (sameValue(change.current, change.proposed)) {
      result.unchanged.push(field);
      continue;
    }
    const owner = fieldOwner(check.table, check.object, field);
    if (owner === undefined || owner === check.writer || change.current === undefined) {
      result.write.push(field);
      continue;
    }
    result.conflicts.push(
      createIntegrationException({
        code: FIELD_OWNERSHIP_CONFLICT,
        impact: check.impact ?? "data-quality",
        message: `${check.object} ${field} is owned by ${owner}: ${check.writer} holds another value, so ${check.target} is not overwritten; change it in ${owner}`,
        record: check.record,
        field,
        ...(check.correlationId === undefined ? {} : { correlationId: check.correlationId }),
        ...(check.now === undefined ? {} : { now: check.now }),
      }),
    );
  }
  return result;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(canonicalJson(a)) === JSON.stringify(canonicalJson(b));
}

function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonicalJson((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
