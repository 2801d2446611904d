import { contentHash, type Ledger, LedgerlineError } from "@ledgerline/core";
import { jsonEntries, readJson, writeJson } from "./ledger-json.js";
import {
  appendEffective,
  readDimension,
  readPerson,
  type WorkforceDimension,
  writeDimension,
  writePerson,
} from "./workforce-state.js";

/**
 * What a held mapping change re-routes: a person's cost center (their time goes to another NetSuite
 * department), or a cost center's department / a company's subsidiary (every posting of it moves).
 */
export type MappingChangeKind = "person-cost-center" | "cost-center-department" | "legal-entity-subsidiary";

/** A change of master data that would re-route postings, held until someone else approves it. */
export interface MappingChange {
  /** Stable id: the same change requested again is the same change. */
  id: string;
  kind: MappingChangeKind;
  /** The person key, or the cost center / company code. */
  subject: string;
  /** The value in effect when the change was requested (`null`: none). */
  from: string | null;
  /** The value requested (a cost center code, a NetSuite department or subsidiary id). */
  to: string;
  /** Who (which run, integration user or person) asked for it. */
  requestedBy: string;
  requestedAt: string;
  status: "pending" | "approved" | "rejected" | "superseded";
  /** Who approved or rejected it, and when. */
  decidedBy?: string;
  decidedAt?: string;
  /** The first day the approved value applies (`YYYY-MM-DD`). */
  effectiveFrom?: string;
}

/** Exception code of a held mapping change. */
export const MAPPING_CHANGE_PENDING = "MAPPING_CHANGE_PENDING";

/**
 * Thrown when an approval would break segregation of duties (the approver is the requester), or the change
 * is not pending. Not retryable.
 */
export class SegregationOfDutiesError extends LedgerlineError {
  override name = "SegregationOfDutiesError";
  constructor(code: "SEGREGATION_OF_DUTIES" | "NOT_PENDING" | "UNKNOWN_CHANGE", message: string) {
    super(code, message);
  }
}

const PREFIX = "flows/mapping-change/";

/**
 * Records a pending change (or returns the pending one already recorded for the same subject and value).
 * An older pending change of the same subject is superseded: only the latest request can be approved.
 */
export async function requestMappingChange(
  ledger: Ledger,
  input: Pick<MappingChange, "kind" | "subject" | "from" | "to" | "requestedBy">,
  now: Date = new Date(),
): Promise<{ change: MappingChange; created: boolean }> {
  const id = `mc-${contentHash({ kind: input.kind, subject: input.subject, from: input.from, to: input.to })
    .replace(/^v\d+:/, "")
    .slice(0, 16)}`;
  const existing = await readJson<MappingChange>(ledger, PREFIX + id);
  // A pending request is not repeated; a rejected one is not asked again until Workday changes again.
  if (existing?.status === "pending" || existing?.status === "rejected")
    return { change: existing, created: false };
  for (const other of await listMappingChanges(ledger, { status: "pending" })) {
    if (other.kind === input.kind && other.subject === input.subject && other.id !== id) {
      await writeJson(ledger, PREFIX + other.id, { ...other, status: "superseded" }, now);
    }
  }
  const change: MappingChange = { id, ...input, requestedAt: now.toISOString(), status: "pending" };
  await writeJson(ledger, PREFIX + id, change, now);
  return { change, created: true };
}

/** Every mapping change recorded in `ledger`, optionally of one status, oldest request first. */
export async function listMappingChanges(
  ledger: Ledger,
  filter: { status?: MappingChange["status"] } = {},
): Promise<MappingChange[]> {
  const out: MappingChange[] = [];
  for await (const { value } of jsonEntries<MappingChange>(ledger, PREFIX)) {
    if (filter.status === undefined || value.status === filter.status) out.push(value);
  }
  return out.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}

/** Options of {@link approveMappingChange}. */
export interface ApproveOptions {
  /** First day the new value applies (`YYYY-MM-DD`). @default the approval day (UTC) */
  effectiveFrom?: string;
  /** Clock. @default () => new Date() */
  now?: () => Date;
}

async function decide(ledger: Ledger, id: string, who: string): Promise<MappingChange> {
  const change = await readJson<MappingChange>(ledger, PREFIX + id);
  if (change === undefined)
    throw new SegregationOfDutiesError("UNKNOWN_CHANGE", "No mapping change has this id");
  if (change.status !== "pending") {
    throw new SegregationOfDutiesError("NOT_PENDING", `The mapping change is ${change.status}, not pending`);
  }
  if (typeof who !== "string" || who.trim() === "") {
    throw new SegregationOfDutiesError("SEGREGATION_OF_DUTIES", "The decision needs a named approver");
  }
  if (who.trim().toLowerCase() === change.requestedBy.trim().toLowerCase()) {
    throw new SegregationOfDutiesError(
      "SEGREGATION_OF_DUTIES",
      "The requester of a mapping change cannot approve or reject it: someone else must",
    );
  }
  return change;
}

/**
 * Approves a held mapping change and applies it from `effectiveFrom` (default: the approval day): postings
 * dated from then on are routed by the new value, earlier ones keep the old. Refuses (with
 * {@link SegregationOfDutiesError}) an approver equal to the requester, and a change that is not pending.
 */
export async function approveMappingChange(
  ledger: Ledger,
  id: string,
  approver: string,
  options: ApproveOptions = {},
): Promise<MappingChange> {
  const change = await decide(ledger, id, approver);
  const now = options.now?.() ?? new Date();
  const effectiveFrom = options.effectiveFrom ?? now.toISOString().slice(0, 10);
  if (change.kind === "person-cost-center") {
    const person = await readPerson(ledger, change.subject);
    if (person) {
      await writePerson(
        ledger,
        change.subject,
        { ...person, costCenters: appendEffective(person.costCenters, change.to, effectiveFrom) },
        now,
      );
    }
  } else {
    const kind: WorkforceDimension = change.kind === "cost-center-department" ? "costCenter" : "legalEntity";
    const history = (await readDimension(ledger, kind, change.subject)) ?? [];
    await writeDimension(
      ledger,
      kind,
      change.subject,
      appendEffective(history, change.to, effectiveFrom),
      now,
    );
  }
  const approved: MappingChange = {
    ...change,
    status: "approved",
    decidedBy: approver,
    decidedAt: now.toISOString(),
    effectiveFrom,
  };
  await writeJson(ledger, PREFIX + id, approved, now);
  return approved;
}

/** Rejects a held mapping change (nothing is applied). The requester cannot reject their own change either. */
export async function rejectMappingChange(
  ledger: Ledger,
  id: string,
  approver: string,
  options: { now?: () => Date } = {},
): Promise<MappingChange> {
  const change = await decide(ledger, id, approver);
  const now = options.now?.() ?? new Date();
  const rejected: MappingChange = {
    ...change,
    status: "rejected",
    decidedBy: approver,
    decidedAt: now.toISOString(),
  };
  await writeJson(ledger, PREFIX + id, rejected, now);
  return rejected;
}
