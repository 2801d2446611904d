import { type TolerantValue, tolerantEnum } from "./tolerant-enum.js";

/**
 * Project status. Aliases cover Kantata (`Not Started`, `Active`, `Completed`, `On Hold`, `Cancelled`,
 * `Estimate`, `Prospect`), NetSuite job statuses (`In Progress`, `Closed`, `Pending`, `Awarded`,
 * `Not Awarded`) and Certinia stages (`Planned`, `In Progress`, `Completed`, `Canceled`).
 */
export const ProjectStatus = tolerantEnum(
  ["prospect", "planned", "active", "on_hold", "completed", "cancelled"],
  {
    estimate: "prospect",
    pending: "prospect",
    "not awarded": "cancelled",
    awarded: "planned",
    "not started": "planned",
    "in progress": "active",
    open: "active",
    "on hold": "on_hold",
    suspended: "on_hold",
    closed: "completed",
    complete: "completed",
    done: "completed",
    canceled: "cancelled",
  },
  "Project status: known code, or other with the vendor's raw value",
);
/** A canonical project status. */
export type ProjectStatusValue = TolerantValue<(typeof ProjectStatus.codes)[number]>;

/**
 * Billing type. Aliases cover NetSuite `jobBillingType` (`TM`, `CB` charge-based, `FBI` fixed bid
 * interval, `FBM` fixed bid milestone), Kantata and Certinia wording.
 */
export const BillingType = tolerantEnum(
  ["time_and_materials", "fixed_fee", "milestone", "retainer", "non_billable"],
  {
    tm: "time_and_materials",
    "t&m": "time_and_materials",
    "time & materials": "time_and_materials",
    "time and material": "time_and_materials",
    cb: "time_and_materials",
    "charge-based": "time_and_materials",
    hourly: "time_and_materials",
    fbi: "fixed_fee",
    "fixed bid": "fixed_fee",
    "fixed bid interval": "fixed_fee",
    "fixed price": "fixed_fee",
    "fixed fee": "fixed_fee",
    fbm: "milestone",
    "fixed bid milestone": "milestone",
    milestones: "milestone",
    subscription: "retainer",
    internal: "non_billable",
    "non-billable": "non_billable",
    nonbillable: "non_billable",
    none: "non_billable",
  },
  "Billing type: known code, or other with the vendor's raw value",
);
/** A canonical billing type. */
export type BillingTypeValue = TolerantValue<(typeof BillingType.codes)[number]>;

/** Labor category of work or of a worker. */
export const LaborCategory = tolerantEnum(
  ["delivery", "project_management", "pre_sales", "internal", "training", "leave"],
  {
    consulting: "delivery",
    billable: "delivery",
    pm: "project_management",
    "project manager": "project_management",
    presales: "pre_sales",
    sales: "pre_sales",
    admin: "internal",
    administration: "internal",
    overhead: "internal",
    pto: "leave",
    vacation: "leave",
    holiday: "leave",
    "time off": "leave",
    sick: "leave",
  },
  "Labor category: known code, or other with the vendor's raw value",
);
/** A canonical labor category. */
export type LaborCategoryValue = TolerantValue<(typeof LaborCategory.codes)[number]>;

/** Revenue treatment (how revenue is recognised). */
export const RevenueTreatment = tolerantEnum(
  ["as_billed", "percent_complete", "milestone", "straight_line", "on_completion", "deferred"],
  {
    "as invoiced": "as_billed",
    "time and materials": "as_billed",
    "percent complete": "percent_complete",
    poc: "percent_complete",
    "%complete": "percent_complete",
    "milestone based": "milestone",
    ratable: "straight_line",
    "straight line": "straight_line",
    "completed contract": "on_completion",
    "on completion": "on_completion",
  },
  "Revenue treatment: known code, or other with the vendor's raw value",
);
/** A canonical revenue treatment. */
export type RevenueTreatmentValue = TolerantValue<(typeof RevenueTreatment.codes)[number]>;
