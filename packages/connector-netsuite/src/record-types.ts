/** Record types the connector writes (by external-id upsert). */
export type WritableRecordType =
  | "customer"
  | "job"
  | "projectTask"
  | "timeBill"
  | "expenseReport"
  | "invoice"
  | "journalEntry";

/** SuiteQL table of each writable record type. */
export const SUITEQL_TABLE: Record<WritableRecordType, string> = {
  customer: "customer",
  job: "job",
  projectTask: "projecttask",
  timeBill: "timebill",
  expenseReport: "expensereport",
  invoice: "invoice",
  journalEntry: "journalentry",
};

/** The internal id at the end of a record URL (`…/record/v1/timeBill/1234` → `"1234"`), if any. */
export function internalIdFromUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  const match = /\/record\/v1\/[A-Za-z]+\/(\d+)(?:[?#].*)?$/.exec(url);
  return match?.[1];
}
