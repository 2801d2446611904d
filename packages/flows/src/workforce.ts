import {
  type CostCenter,
  createIntegrationException,
  type LegalEntity,
  REASON_CODES,
  type Resource,
  unmappedDimensionCode,
} from "@ledgerline/canonical";
import {
  listDepartments,
  listEmployees,
  listSubsidiaries,
  type NetSuiteClient,
  type NetSuiteMasterRecord,
} from "@ledgerline/connector-netsuite";
import type { PsaClient } from "@ledgerline/connector-psa";
import type { WorkdayClient } from "@ledgerline/connector-workday";
import { Crosswalk, type Ledger } from "@ledgerline/core";
import { MAPPING_CHANGE_PENDING, type MappingChangeKind, requestMappingChange } from "./mapping-changes.js";
import type { StepReport } from "./report.js";
import { reasonOf, StepReportBuilder } from "./step-report.js";
import {
  appendEffective,
  BEGINNING,
  latest,
  type PersonState,
  readDimension,
  readPeople,
  type WorkforceDimension,
  writeDimension,
  writePerson,
} from "./workforce-state.js";

/** The systems `syncWorkforce` reads: Workday (the source), Kantata users and NetSuite employees / departments / subsidiaries. */
export interface WorkforceSystems {
  workday: Pick<WorkdayClient, "resources" | "costCenters" | "legalEntities" | "organizationType">;
  psa: Pick<PsaClient, "resources">;
  netsuite: Pick<NetSuiteClient, "suiteql">;
}

/** Options of {@link syncWorkforce}. */
export interface SyncWorkforceOptions {
  /** Where the workforce, the crosswalk and the held changes live (the run's ledger). */
  ledger: Ledger;
  /** The crosswalk to link people in. @default a `Crosswalk` over `ledger` */
  crosswalk?: Crosswalk | undefined;
  /**
   * Who this run acts as: the requester of every mapping change it holds for approval, who therefore
   * cannot approve them (segregation of duties). E.g. `"workday-sync"` or the integration user.
   */
  requestedBy: string;
  /** The day terminations are judged on (`YYYY-MM-DD`). @default today (UTC) */
  asOf?: string | undefined;
  /** Workday organization type of cost centers. @default "Cost Center" */
  costCenterType?: string | undefined;
  /** Workday organization type of companies. @default "Company" */
  companyType?: string | undefined;
  /** Clock. @default () => new Date() */
  now?: (() => Date) | undefined;
}

/** Exception code of a worker with no Kantata user (by email). */
export const PERSON_NOT_IN_KANTATA = "PERSON_NOT_IN_KANTATA";
/** Exception code of a worker with no NetSuite employee (by Workday employee id, then email). */
export const PERSON_NOT_IN_NETSUITE = "PERSON_NOT_IN_NETSUITE";
/** Exception code of a worker two or more records of one system match. */
export const PERSON_AMBIGUOUS = "PERSON_AMBIGUOUS";
/** Exception code of a worker no longer listed by Workday (its staffing API lists active workers only). */
export const WORKER_NOT_LISTED = "WORKER_NOT_LISTED";

type NetSuiteRow = NetSuiteMasterRecord;

const norm = (s: string | null | undefined) => (s ?? "").trim().toLowerCase();

/** The single row matching, `"ambiguous"`, or `undefined`. */
function matchOne<T>(rows: readonly T[], test: (row: T) => boolean): T | "ambiguous" | undefined {
  const found = rows.filter(test);
  if (found.length > 1) return "ambiguous";
  return found[0];
}

/**
 * Workday → the workforce the chain posts against. Reads Workday workers, cost centers and companies
 * (connector-workday's canonical reads), Kantata users and NetSuite employees, departments and
 * subsidiaries, then:
 *
 * - **Dimension map**: each cost center → the NetSuite department whose `externalId` is the cost center's
 *   Workday reference id (else whose name equals the cost center's name); each company → the subsidiary
 *   matched the same way. A first mapping is applied; one that changes (a department re-pointed) would
 *   re-route every posting of the cost center, so it is **held for approval**.
 * - **People crosswalk** (core's `Crosswalk`, kind `person`, keyed by the Workday worker's canonical key):
 *   Workday WID ↔ Kantata user (same email, case-insensitive) ↔ NetSuite employee (`externalId` = the
 *   Workday Employee ID, else the same email). No match or two matches is an exception, never a guess.
 * - **People**: name, cost center, company and termination date, effective-dated. A worker whose
 *   cost center changes (moved in Workday) would have later time posted to another department: the move is
 *   **held for approval** by someone other than `requestedBy` (`approveMappingChange`) and applies from the
 *   approval on. A termination applies at once: the person is not postable after the termination date; a
 *   worker Workday stops listing is treated as terminated on `asOf`.
 *
 * Idempotent: a rerun over unchanged data writes nothing and reports every record `unchanged`. Every record
 * read ends written, unchanged, rejected (unmappable, unmapped dimension, or held: `APPROVAL_REQUIRED`) or
 * failed. Query the result with `loadWorkforce(ledger)`.
 */
export async function syncWorkforce(
  systems: WorkforceSystems,
  options: SyncWorkforceOptions,
): Promise<StepReport> {
  const now = options.now ?? (() => new Date());
  const report = new StepReportBuilder("syncWorkforce", now);
  const { ledger } = options;
  const crosswalk = options.crosswalk ?? new Crosswalk(ledger);
  const asOf = options.asOf ?? now().toISOString().slice(0, 10);
  if (typeof options.requestedBy !== "string" || options.requestedBy.trim() === "") {
    throw new TypeError("syncWorkforce: options.requestedBy must name who the run acts as");
  }

  const data = await report.phase("read", async () => {
    const ccType = await systems.workday.organizationType(options.costCenterType ?? "Cost Center");
    const coType = await systems.workday.organizationType(options.companyType ?? "Company");
    const costCenters = ccType ? await collect(systems.workday.costCenters(ccType)) : [];
    const companies = coType ? await collect(systems.workday.legalEntities(coType)) : [];
    const workers = await collect(systems.workday.resources({ asOf }));
    const users: Resource[] = [];
    for await (const read of systems.psa.resources()) if (read.ok) users.push(read.value);
    const employees = await listEmployees(systems.netsuite.suiteql);
    const departments = await listDepartments(systems.netsuite.suiteql);
    const subsidiaries = await listSubsidiaries(systems.netsuite.suiteql);
    return { costCenters, companies, workers, users, employees, departments, subsidiaries };
  });

  const exception = (e: Omit<Parameters<typeof createIntegrationException>[0], "now">) =>
    report.exception(createIntegrationException({ ...e, now: now() }));

  /** Applies a dimension mapping (first one), or holds a changed one. */
  const mapDimension = async (
    kind: WorkforceDimension,
    record: CostCenter | LegalEntity,
    rows: readonly NetSuiteRow[],
  ) => {
    const type = kind === "costCenter" ? "CostCenter" : "LegalEntity";
    const match = matchOne(rows, (r) => r.externalId === record.code);
    const byName = match === undefined ? matchOne(rows, (r) => norm(r.name) === norm(record.name)) : match;
    const what = kind === "costCenter" ? "department" : "subsidiary";
    if (byName === undefined || byName === "ambiguous") {
      const code = unmappedDimensionCode(kind);
      exception({
        code,
        impact: "blocks-cost-posting",
        message: `${type} ${record.code} has ${byName === "ambiguous" ? "several" : "no"} NetSuite ${what} (matched by external id, then name)`,
        record: { key: record.key, type, system: "workday", id: record.source.id },
        field: "code",
      });
      report.add({
        key: record.key,
        type,
        status: "rejected",
        reason: { code: "DIMENSION_UNMAPPED", field: "code", message: REASON_CODES.DIMENSION_UNMAPPED },
      });
      return;
    }
    const history = (await readDimension(ledger, kind, record.code)) ?? [];
    const current = latest(history);
    if (current === byName.id) {
      report.add({ key: record.key, type, status: "unchanged", targets: { netsuite: byName.id } });
      return;
    }
    if (current === undefined) {
      await writeDimension(ledger, kind, record.code, appendEffective(history, byName.id, BEGINNING), now());
      await crosswalk.link(kind, record.key, "netsuite", byName.id);
      await crosswalk.link(kind, record.key, "workday", record.source.id);
      report.add({ key: record.key, type, status: "written", targets: { netsuite: byName.id } });
      return;
    }
    await hold(
      kind === "costCenter" ? "cost-center-department" : "legal-entity-subsidiary",
      record.code,
      current,
      byName.id,
      { key: record.key, type, id: record.source.id },
    );
  };

  const hold = async (
    kind: MappingChangeKind,
    subject: string,
    from: string | null,
    to: string,
    record: { key: string; type: string; id: string },
  ) => {
    const { change } = await requestMappingChange(
      ledger,
      { kind, subject, from, to, requestedBy: options.requestedBy },
      now(),
    );
    exception({
      code: MAPPING_CHANGE_PENDING,
      impact: "data-quality",
      message: `A ${kind} change would re-route postings: held for approval as ${change.id} (${change.status}); postings keep the current mapping until someone other than the requester approves it`,
      record: { key: record.key, type: record.type, system: "workday", id: record.id },
    });
    report.add({
      key: record.key,
      type: record.type,
      status: "rejected",
      reason: {
        code: "APPROVAL_REQUIRED",
        message: `held for approval as mapping change ${change.id}: it would re-route postings`,
      },
    });
  };

  await report.phase("dimensions", async () => {
    for (const read of data.costCenters) {
      if (!read.ok) rejectRead(report, read.key, "CostCenter", read.error);
      else
        await guarded(report, read.key, "CostCenter", () =>
          mapDimension("costCenter", read.value, data.departments),
        );
    }
    for (const read of data.companies) {
      if (!read.ok) rejectRead(report, read.key, "LegalEntity", read.error);
      else
        await guarded(report, read.key, "LegalEntity", () =>
          mapDimension("legalEntity", read.value, data.subsidiaries),
        );
    }
  });

  await report.phase("people", async () => {
    const stored = await readPeople(ledger);
    const seen = new Set<string>();
    for (const read of data.workers) {
      if (!read.ok) {
        rejectRead(report, read.key, "Resource", read.error);
        continue;
      }
      const worker = read.value;
      seen.add(worker.key);
      report.exception(...read.exceptions);
      await guarded(report, worker.key, "Resource", async () => {
        let changed = false;
        const targets: Record<string, string> = { workday: worker.source.id };
        const link = async (system: string, id: string) => {
          const result = await crosswalk.link("person", worker.key, system, id);
          if (result.outcome !== "unchanged") changed = true;
          targets[system] = id;
        };
        await link("workday", worker.source.id);
        const record = { key: worker.key, type: "Resource", system: "workday", id: worker.source.id };

        const user = worker.email
          ? matchOne(data.users, (u) => norm(u.email) === norm(worker.email))
          : undefined;
        if (user === undefined || user === "ambiguous") {
          exception({
            code: user === "ambiguous" ? PERSON_AMBIGUOUS : PERSON_NOT_IN_KANTATA,
            impact: "data-quality",
            message: `The worker has ${user === "ambiguous" ? "several Kantata users" : "no Kantata user"} with their work email`,
            record,
            field: "email",
          });
        } else await link("kantata", user.source.id);

        const byId = worker.employeeNumber
          ? matchOne(data.employees, (e) => e.externalId === worker.employeeNumber)
          : undefined;
        const employee =
          byId === undefined && worker.email
            ? matchOne(data.employees, (e) => norm(e.email) === norm(worker.email))
            : byId;
        if (employee === undefined || employee === "ambiguous") {
          exception({
            code: employee === "ambiguous" ? PERSON_AMBIGUOUS : PERSON_NOT_IN_NETSUITE,
            impact: "blocks-cost-posting",
            message: `The worker has ${employee === "ambiguous" ? "several NetSuite employees" : "no NetSuite employee"} (by Workday employee id, then email): their time cannot be posted`,
            record,
            field: "employeeNumber",
          });
        } else await link("netsuite", employee.id);

        const previous = stored.get(worker.key);
        const costCenter = worker.dimensions?.costCenter;
        const next: PersonState = {
          name: worker.name,
          costCenters: previous?.costCenters ?? [],
          ...(worker.dimensions?.legalEntity ? { legalEntity: worker.dimensions.legalEntity } : {}),
          ...(worker.endDate ? { endDate: worker.endDate } : {}),
        };
        let held = false;
        if (costCenter !== undefined && latest(next.costCenters) !== costCenter) {
          const from = latest(next.costCenters);
          if (from === undefined) next.costCenters = appendEffective([], costCenter, BEGINNING);
          else {
            held = true;
            await hold("person-cost-center", worker.key, from, costCenter, record);
          }
        }
        if (JSON.stringify(next) !== JSON.stringify(previous)) {
          await writePerson(ledger, worker.key, next, now());
          changed = true;
        }
        if (held && !changed) return; // reported as held (rejected, APPROVAL_REQUIRED)
        report.add({ key: worker.key, type: "Resource", status: changed ? "written" : "unchanged", targets });
      });
    }
    // Workday's staffing API lists active workers only: one no longer listed has left.
    for (const [key, person] of stored) {
      if (seen.has(key) || (person.endDate !== undefined && person.endDate <= asOf)) continue;
      await writePerson(ledger, key, { ...person, endDate: asOf }, now());
      exception({
        code: WORKER_NOT_LISTED,
        impact: "data-quality",
        message: "Workday no longer lists the worker: treated as terminated, not postable after this day",
        record: { key, type: "Resource", system: "workday" },
      });
      report.add({ key, type: "Resource", status: "written" });
    }
  });
  return report.finish();
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function rejectRead(report: StepReportBuilder, key: string, type: string, error: unknown): void {
  report.add({ key, type, status: "rejected", reason: reasonOf(error) });
}

/** Runs one record's work; an error becomes the record's `failed` outcome, never the end of the run. */
async function guarded(
  report: StepReportBuilder,
  key: string,
  type: string,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    report.add({ key, type, status: "failed", reason: reasonOf(error) });
  }
}
