import type { SuiteQL } from "../suiteql.js";
import { sql } from "../suiteql-statement.js";

/** A NetSuite employee, department or subsidiary as the workforce matching needs it. */
export interface NetSuiteMasterRecord {
  /** Internal id. */
  id: string;
  /** Name (`name` of a department or subsidiary; employees have none here). */
  name?: string | undefined;
  /** Email (employees). */
  email?: string | undefined;
  /** External id, when the account sets one (e.g. the Workday Employee ID or Cost_Center_Reference_ID). */
  externalId?: string | undefined;
}

type Row = Record<string, string | number | boolean | null>;

function toRecord(row: Row): NetSuiteMasterRecord {
  const text = (v: unknown) =>
    typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined;
  const id = text(row.id) ?? "";
  const name = text(row.name);
  const email = text(row.email);
  const externalId = text(row.externalid);
  return {
    id,
    ...(name === undefined ? {} : { name }),
    ...(email === undefined ? {} : { email }),
    ...(externalId === undefined ? {} : { externalId }),
  };
}

/** Every employee: id, email and external id (SuiteQL, paged). */
export async function listEmployees(suiteql: SuiteQL): Promise<NetSuiteMasterRecord[]> {
  return (await suiteql.all<Row>(sql`SELECT id, email, externalid FROM employee`)).map(toRecord);
}

/** Every department: id, name and external id (SuiteQL, paged). */
export async function listDepartments(suiteql: SuiteQL): Promise<NetSuiteMasterRecord[]> {
  return (await suiteql.all<Row>(sql`SELECT id, name, externalid FROM department`)).map(toRecord);
}

/** Every subsidiary: id, name and external id (SuiteQL, paged). */
export async function listSubsidiaries(suiteql: SuiteQL): Promise<NetSuiteMasterRecord[]> {
  return (await suiteql.all<Row>(sql`SELECT id, name, externalid FROM subsidiary`)).map(toRecord);
}
