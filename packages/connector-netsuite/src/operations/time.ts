import type { ApprovedTimeEntry, TimeEntry } from "@ledgerline/canonical";
import { toTimeBill } from "../mappers/time-bill.js";
import type { RecordSpec } from "./post-records.js";
import { assertPostable, type PostingPolicy } from "./posting-policy.js";

/** How approved time entries are written: `timeBill` by external id = the entry's canonical key. */
export function timeBillSpec(policy?: PostingPolicy<TimeEntry>): RecordSpec<TimeEntry | ApprovedTimeEntry> {
  return {
    type: "timeBill",
    shape: "TimeEntry",
    keyOf: (entry) => entry.key,
    versionOf: (entry) => entry.source?.version,
    refsOf: (entry) => [entry.resource, entry.project, entry.task],
    check: (entry) => assertPostable(entry, policy),
    map: (entry, ctx) => toTimeBill(entry as ApprovedTimeEntry, ctx),
  };
}
