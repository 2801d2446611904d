import type { JournalEntry } from "@ledgerline/canonical";
import { toJournalEntry } from "../mappers/journal-entry.js";
import type { RecordSpec } from "./post-records.js";

/** How journal entries are written: `journalEntry` by external id, lines in `line` replaced on re-post. */
export const journalEntrySpec: RecordSpec<JournalEntry> = {
  type: "journalEntry",
  shape: "JournalEntry",
  keyOf: (entry) => entry.key,
  versionOf: (entry) => entry.source?.version,
  refsOf: (entry) => [entry.project, ...entry.lines.map((line) => line.entity)],
  map: (entry, ctx) => toJournalEntry(entry, ctx),
  replace: ["line"],
};
