import {
  createIntegrationException,
  type IntegrationException,
  parseResource,
  type Resource,
} from "@ledgerline/canonical";
import { FieldReader } from "@ledgerline/core";
import { WID_PATTERN, type WorkdayWorker } from "../workday-types.js";
import { readInstance, readWid } from "./instance.js";
import { workdayKey, workdayOrigin, workdayRef } from "./source.js";

/** Options of {@link toResource}. */
export interface ResourceOptions {
  /**
   * The day the worker's status is judged on (`YYYY-MM-DD`): a worker whose `terminationDate` is on or
   * before it is inactive. @default today (UTC)
   */
  asOf?: string | undefined;
  /** When the worker was read, as `source.updatedAt`. @default "1970-01-01T00:00:00Z" (unknown) */
  observedAt?: string | undefined;
  /** Clock for the exceptions' `firstSeen` / `lastSeen` and the default `asOf`. @default () => new Date() */
  now?: (() => Date) | undefined;
}

/** A worker mapped to a canonical resource, with the exceptions it raises (e.g. no cost center). */
export interface MappedResource {
  resource: Resource;
  /** Business problems that do not stop the resource (e.g. `MISSING_COST_CENTER`). */
  exceptions: IntegrationException[];
}

/** The exception code of a worker without a primary cost center. */
export const MISSING_COST_CENTER = "MISSING_COST_CENTER";

const KINDS: Record<string, Resource["kind"]> = {
  Employee: "employee",
  "Contingent Worker": "contractor",
  Contingent_Worker: "contractor",
};

/**
 * Workday worker → canonical {@link Resource}. Pure and total: a record that is not a valid worker throws a
 * `ValidationError` naming every offending field and the reason (never a value).
 *
 * - `name` ← `descriptor`, `email` ← `primaryWorkEmail`, `employeeNumber` ← `workerId`.
 * - `kind` ← `workerType.descriptor`: `Employee` → `employee`, `Contingent Worker` → `contractor`,
 *   anything else or absent → `other`.
 * - `active` is false once `terminationDate` is on or before `asOf` (terminated → inactive).
 * - `title` ← `businessTitle`, else the primary job's business title, else its job profile's descriptor.
 * - `manager` ← the primary job's manager (a reference to that worker).
 * - `dimensions.costCenter` / `dimensions.legalEntity` ← the primary job's cost center and company
 *   reference ids (`Cost_Center_Reference_ID`, `Company_Reference_ID`), the codes dimension maps use.
 * - No cost center is not a rejection: the resource is returned with a `MISSING_COST_CENTER` integration
 *   exception (impact `blocks-cost-posting`: the consultant's time cannot be posted).
 * - The version is a content hash of the fields mapped; sensitive fields (date of birth, phone, address)
 *   are neither mapped nor hashed.
 */
export function toResource(worker: WorkdayWorker, options: ResourceOptions = {}): MappedResource {
  const r = new FieldReader(worker, "Workday worker");
  const wid = readWid(r);
  const name = r.string("descriptor");
  const email = r.string("primaryWorkEmail", "optional");
  const workerId = r.string("workerId", "optional");
  const workerType = readInstance(r, "workerType");
  const businessTitle = r.string("businessTitle", "optional");
  const hireDate = r.date("hireDate", "optional");
  const terminationDate = r.date("terminationDate", "optional");
  const location = readInstance(r, "location");
  const job = r.object("primaryJob", "optional");
  const jobTitle = job?.string("businessTitle", "optional");
  const jobProfile = job ? readInstance(job, "jobProfile") : undefined;
  const manager = job ? readInstance(job, "manager") : undefined;
  const costCenter = job ? readAssignment(job, "costCenter") : undefined;
  const company = job ? readAssignment(job, "company") : undefined;
  r.check();

  const now = options.now?.() ?? new Date();
  const asOf = options.asOf ?? now.toISOString().slice(0, 10);
  const active = terminationDate === undefined || terminationDate > asOf;
  const kind = KINDS[workerType?.descriptor ?? ""] ?? "other";
  const title = businessTitle ?? jobTitle ?? jobProfile?.descriptor;
  const dimensions = {
    ...(costCenter ? { costCenter } : {}),
    ...(company ? { legalEntity: company } : {}),
  };
  const content = {
    name,
    email: email ?? null,
    workerId: workerId ?? null,
    kind,
    terminationDate: terminationDate ?? null,
    hireDate: hireDate ?? null,
    title: title ?? null,
    manager: manager?.id ?? null,
    location: location?.id ?? null,
    dimensions,
  };
  const resource = parseResource({
    ...workdayOrigin("workers", wid, content, options.observedAt),
    name,
    ...(email ? { email } : {}),
    ...(workerId ? { employeeNumber: workerId } : {}),
    kind,
    active,
    ...(title ? { title } : {}),
    ...(manager ? { manager: workdayRef("workers", manager.id, manager.descriptor) } : {}),
    ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
    ...(hireDate ? { startDate: hireDate } : {}),
    ...(terminationDate ? { endDate: terminationDate } : {}),
  });
  const exceptions: IntegrationException[] = [];
  if (costCenter === undefined) {
    exceptions.push(
      createIntegrationException({
        code: MISSING_COST_CENTER,
        impact: "blocks-cost-posting",
        message: "The worker has no primary cost center: their time cannot be posted",
        record: { key: workdayKey("workers", wid), type: "Resource", system: "workday", id: wid },
        field: "primaryJob.costCenter",
        now,
      }),
    );
  }
  return { resource, exceptions };
}

/** The business reference id of an organization assignment (cost center, company) of the primary job. */
function readAssignment(job: FieldReader, field: string): string | undefined {
  const o = job.object(field, "optional");
  if (o === undefined) return undefined;
  o.matching("id", WID_PATTERN, "must be a Workday ID (32 hexadecimal characters)");
  return o.string("referenceId");
}

/**
 * The headline of the workers without a cost center, for the business: `"2 consultants have no cost
 * center: their time cannot be posted"` (`undefined` when there is none). Counts distinct records.
 */
export function missingCostCenterHeadline(exceptions: readonly IntegrationException[]): string | undefined {
  const keys = new Set(exceptions.filter((e) => e.code === MISSING_COST_CENTER).map((e) => e.record.key));
  if (keys.size === 0) return undefined;
  return keys.size === 1
    ? "1 consultant has no cost center: their time cannot be posted"
    : `${keys.size} consultants have no cost center: their time cannot be posted`;
}
