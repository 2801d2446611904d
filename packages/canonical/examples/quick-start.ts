import {
  allocateMoney,
  BillingType,
  canonicalKey,
  checkPostable,
  formatHoursMinutes,
  mapDimensions,
  money,
  normalizeApprovalState,
  ProjectStatus,
  parseTimeEntry,
  rateTimesDuration,
  reconcile,
  reconciliationHeadlines,
  summarizeExceptions,
} from "@ledgerline/canonical";

// 1. A Kantata time entry in canonical form (parse → typed record, or a CanonicalValidationError).
const source = {
  system: "kantata",
  type: "time_entries",
  id: "4711",
  version: "3",
  updatedAt: "2026-03-02T10:00:00Z",
};
const entry = parseTimeEntry({
  key: canonicalKey(source), // "kantata-time_entries-4711": a valid NetSuite / Salesforce external id
  source,
  resource: { key: canonicalKey({ system: "kantata", type: "users", id: "7" }) },
  project: { key: canonicalKey({ system: "kantata", type: "workspaces", id: "12" }) },
  date: "2026-03-02",
  minutes: 270,
  billable: true,
  approval: { ...normalizeApprovalState(true), approvedAt: "2026-03-03T08:00:00Z" },
  billRate: money("150", "USD"),
  dimensions: { costCenter: "CC-100", legalEntity: "LE-UK" },
});
console.log(formatHoursMinutes(entry.minutes)); // "4:30" — NetSuite timeBill hours
console.log(rateTimesDuration(entry.billRate!, entry.minutes, { rounding: "half-even" })); // { amount: "675.00", currency: "USD" }
console.log(allocateMoney(money("100", "USD"), [1, 1, 1]).map((m) => m.amount)); // [ "33.34", "33.33", "33.33" ]

// 2. May it be posted? Every violation, with reason codes.
const project = {
  key: entry.project.key,
  status: ProjectStatus.normalize("Active"),
  billingType: BillingType.normalize("T&M"),
};
const check = checkPostable(entry, {
  project,
  periods: [{ start: "2026-03-01", end: "2026-03-31", status: "open" }],
  requiredDimensions: ["costCenter", "legalEntity"],
  dimensionMap: {
    target: "netsuite",
    tables: { costCenter: { "CC-100": "12" }, legalEntity: { "LE-UK": "2" } },
  },
});
console.log(check); // { postable: true, violations: [] }

// 3. A missing mapping is an exception with business impact, never a crash.
const { exceptions } = mapDimensions(
  { taxCode: "GST" },
  { target: "netsuite", tables: { taxCode: {} } },
  {
    record: { key: "kantata-invoices-9", type: "InvoiceEvent" },
  },
);
console.log(summarizeExceptions(exceptions).groups[0]?.headline); // "1 invoice blocked by missing tax codes"

// 4. Period close: PSA approved time vs NetSuite posted time, per project.
const result = reconcile([entry], []);
console.log(reconciliationHeadlines(result)); // [ "project kantata-workspaces-12: 1 record, 4:30 h missing in target" ]
