import type { DimensionMap } from "@ledgerline/canonical";
import { Crosswalk, type CrosswalkSystem, type Ledger } from "@ledgerline/core";
import {
  dimensionMapOn,
  type Effective,
  type PersonState,
  readDimensions,
  readPeople,
  valueOn,
  type WorkforceDimension,
} from "./workforce-state.js";

/** Where one person's postings go on a date. */
export interface PostingAssignment {
  /** Canonical key of the person (the Workday worker's key). */
  personKey: string;
  /** Cost center code in effect on the date (approved moves only). */
  costCenter?: string | undefined;
  /** NetSuite department of that cost center on the date. */
  department?: string | undefined;
  /** Legal entity (company) code, and its NetSuite subsidiary on the date. */
  legalEntity?: string | undefined;
  subsidiary?: string | undefined;
  /** The person's NetSuite employee id (people crosswalk). */
  netsuiteEmployee?: string | undefined;
}

/** Why a person is not postable on a date. */
export type NotPostableReason = "UNKNOWN_PERSON" | "TERMINATED" | "NO_NETSUITE_EMPLOYEE";

/**
 * The workforce as the posting steps need it, read once from the ledger after `syncWorkforce`: who may be
 * posted for on which date, and to which department and subsidiary. Synchronous queries over a snapshot:
 * load it again after a sync or an approval to see their effect.
 */
export interface WorkforceDirectory {
  /** Whether time or expenses of `personKey` dated `date` may be posted (known, not terminated on that date, linked to a NetSuite employee). */
  postable(personKey: string, date: string): boolean;
  /** Why not, or `undefined` when postable. */
  notPostableReason(personKey: string, date: string): NotPostableReason | undefined;
  /** Where the person's postings dated `date` go; `undefined` for an unknown person. */
  assignment(personKey: string, date: string): PostingAssignment | undefined;
  /** The person key of `system`'s id (`"kantata"`, a user id), from the people crosswalk. */
  personKeyOf(system: CrosswalkSystem, id: string): string | undefined;
  /** The NetSuite dimension map (cost center → department, company → subsidiary) in effect on `date`. */
  dimensionMap(date: string): DimensionMap;
  /** Every person key known. */
  personKeys(): string[];
}

/** Loads the {@link WorkforceDirectory} from the ledger `syncWorkforce` writes to. */
export async function loadWorkforce(
  ledger: Ledger,
  crosswalk = new Crosswalk(ledger),
): Promise<WorkforceDirectory> {
  const people: Map<string, PersonState> = await readPeople(ledger);
  const dimensions: Record<WorkforceDimension, Map<string, Effective[]>> = await readDimensions(ledger);
  const ids = new Map<string, string>(); // `${system}/${id}` → person key
  const netsuite = new Map<string, string>(); // person key → employee id
  for await (const link of crosswalk.links("person")) {
    ids.set(`${link.system}/${link.id}`, link.key);
    if (link.system === "netsuite") netsuite.set(link.key, link.id);
  }
  const assignment = (personKey: string, date: string): PostingAssignment | undefined => {
    const person = people.get(personKey);
    if (person === undefined) return undefined;
    const costCenter = valueOn(person.costCenters, date);
    const department = costCenter ? valueOn(dimensions.costCenter.get(costCenter) ?? [], date) : undefined;
    const subsidiary = person.legalEntity
      ? valueOn(dimensions.legalEntity.get(person.legalEntity) ?? [], date)
      : undefined;
    return {
      personKey,
      ...(costCenter ? { costCenter } : {}),
      ...(department ? { department } : {}),
      ...(person.legalEntity ? { legalEntity: person.legalEntity } : {}),
      ...(subsidiary ? { subsidiary } : {}),
      ...(netsuite.has(personKey) ? { netsuiteEmployee: netsuite.get(personKey) } : {}),
    };
  };
  const notPostableReason = (personKey: string, date: string): NotPostableReason | undefined => {
    const person = people.get(personKey);
    if (person === undefined) return "UNKNOWN_PERSON";
    if (person.endDate !== undefined && date > person.endDate) return "TERMINATED";
    if (!netsuite.has(personKey)) return "NO_NETSUITE_EMPLOYEE";
    return undefined;
  };
  return {
    postable: (personKey, date) => notPostableReason(personKey, date) === undefined,
    notPostableReason,
    assignment,
    personKeyOf: (system, id) => ids.get(`${system}/${id}`),
    dimensionMap: (date) => dimensionMapOn(dimensions, date),
    personKeys: () => [...people.keys()],
  };
}
