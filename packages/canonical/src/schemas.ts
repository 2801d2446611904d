import { ClientSchema } from "./client.js";
import { EngagementSchema } from "./engagement.js";
import { BillableExpenseSchema, ExpenseLineSchema } from "./expense.js";
import { InvoiceEventSchema } from "./invoice-event.js";
import { JournalEntrySchema } from "./journal-entry.js";
import {
  CostCenterSchema,
  CurrencySchema,
  LegalEntitySchema,
  PracticeSchema,
  RateCardSchema,
  RegionSchema,
  TaxCodeSchema,
} from "./master-data.js";
import { MilestoneSchema } from "./milestone.js";
import { ProjectSchema } from "./project.js";
import { ProjectTaskSchema } from "./project-task.js";
import { ResourceSchema } from "./resource.js";
import { ResourceAssignmentSchema } from "./resource-assignment.js";
import { RevenueScheduleSchema } from "./revenue-schedule.js";
import { ApprovedTimeEntrySchema, TimeEntrySchema } from "./time-entry.js";

/** Every canonical record schema by type name. */
export const CANONICAL_SCHEMAS = {
  Client: ClientSchema,
  Engagement: EngagementSchema,
  Project: ProjectSchema,
  ProjectTask: ProjectTaskSchema,
  Milestone: MilestoneSchema,
  Resource: ResourceSchema,
  ResourceAssignment: ResourceAssignmentSchema,
  TimeEntry: TimeEntrySchema,
  ApprovedTimeEntry: ApprovedTimeEntrySchema,
  ExpenseLine: ExpenseLineSchema,
  BillableExpense: BillableExpenseSchema,
  InvoiceEvent: InvoiceEventSchema,
  RevenueSchedule: RevenueScheduleSchema,
  JournalEntry: JournalEntrySchema,
  LegalEntity: LegalEntitySchema,
  CostCenter: CostCenterSchema,
  Practice: PracticeSchema,
  Region: RegionSchema,
  RateCard: RateCardSchema,
  TaxCode: TaxCodeSchema,
  Currency: CurrencySchema,
} as const;

/** Name of a canonical record type (`"TimeEntry"`). */
export type CanonicalTypeName = keyof typeof CANONICAL_SCHEMAS;

/** Every canonical type name. */
export const CANONICAL_TYPE_NAMES = Object.keys(CANONICAL_SCHEMAS) as CanonicalTypeName[];
