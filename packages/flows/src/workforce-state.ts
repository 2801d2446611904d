import type { DimensionMap } from "@ledgerline/canonical";
import type { Ledger } from "@ledgerline/core";
import { jsonEntries, readJson, writeJson } from "./ledger-json.js";

/** The first day of every history: an assignment from it applies to any date. */
export const BEGINNING = "0000-01-01";

/** One entry of an effective-dated history: `value` applies from `from` (`YYYY-MM-DD`) on. */
export interface Effective {
  value: string;
  from: string;
}

/** What the workforce step keeps about one person (canonical key = the Workday worker's key). */
export interface PersonState {
  name: string;
  /** Cost center codes over time (the last entry whose `from` is on or before a date applies). */
  costCenters: Effective[];
  /** Legal entity (company) code, when Workday sends one. */
  legalEntity?: string | undefined;
  /** Last day the person may be posted for (termination date); absent while employed. */
  endDate?: string | undefined;
}

/** Dimension kinds the workforce step maps to NetSuite. */
export type WorkforceDimension = "costCenter" | "legalEntity";

const PERSON = "flows/workforce/person/";
const DIMENSION = "flows/workforce/dimension/";

/** The value of a history on `date`, or `undefined` when nothing applies yet. */
export function valueOn(history: readonly Effective[], date: string): string | undefined {
  let value: string | undefined;
  for (const entry of history) if (entry.from <= date) value = entry.value;
  return value;
}

/** The latest value of a history (what applies from now on). */
export function latest(history: readonly Effective[]): string | undefined {
  return history[history.length - 1]?.value;
}

/** Appends `value` from `from` (kept sorted; an entry on the same day is replaced). */
export function appendEffective(history: readonly Effective[], value: string, from: string): Effective[] {
  return [...history.filter((e) => e.from < from), { value, from }];
}

/** A person's stored state. */
export function readPerson(ledger: Ledger, personKey: string): Promise<PersonState | undefined> {
  return readJson<PersonState>(ledger, PERSON + personKey);
}

/** Stores a person's state. */
export function writePerson(
  ledger: Ledger,
  personKey: string,
  state: PersonState,
  now?: Date,
): Promise<void> {
  return writeJson(ledger, PERSON + personKey, state, now);
}

/** Every stored person. */
export async function readPeople(ledger: Ledger): Promise<Map<string, PersonState>> {
  const people = new Map<string, PersonState>();
  for await (const { key, value } of jsonEntries<PersonState>(ledger, PERSON)) {
    people.set(key.slice(PERSON.length), value);
  }
  return people;
}

/** The NetSuite ids of one dimension code over time (cost center → department, company → subsidiary). */
export function readDimension(
  ledger: Ledger,
  kind: WorkforceDimension,
  code: string,
): Promise<Effective[] | undefined> {
  return readJson<Effective[]>(ledger, `${DIMENSION}${kind}/${code}`);
}

/** Stores the history of one dimension code. */
export function writeDimension(
  ledger: Ledger,
  kind: WorkforceDimension,
  code: string,
  history: Effective[],
  now?: Date,
): Promise<void> {
  return writeJson(ledger, `${DIMENSION}${kind}/${code}`, history, now);
}

/** Every stored dimension history, by kind and code. */
export async function readDimensions(
  ledger: Ledger,
): Promise<Record<WorkforceDimension, Map<string, Effective[]>>> {
  const out: Record<WorkforceDimension, Map<string, Effective[]>> = {
    costCenter: new Map(),
    legalEntity: new Map(),
  };
  for await (const { key, value } of jsonEntries<Effective[]>(ledger, DIMENSION)) {
    const [kind, ...code] = key.slice(DIMENSION.length).split("/");
    if (kind === "costCenter" || kind === "legalEntity") out[kind].set(code.join("/"), value);
  }
  return out;
}

/** The NetSuite dimension map in effect on `date` (cost center → department, company → subsidiary). */
export function dimensionMapOn(
  dimensions: Record<WorkforceDimension, Map<string, Effective[]>>,
  date: string,
): DimensionMap {
  const table = (kind: WorkforceDimension) => {
    const rows: Record<string, string> = {};
    for (const [code, history] of dimensions[kind]) {
      const id = valueOn(history, date);
      if (id !== undefined) rows[code] = id;
    }
    return rows;
  };
  return {
    target: "netsuite",
    tables: { costCenter: table("costCenter"), legalEntity: table("legalEntity") },
  };
}
