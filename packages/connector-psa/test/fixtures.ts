import type {
  KantataExpense,
  KantataExpenseReportSubmission,
  KantataStory,
  KantataTimeEntry,
  KantataTimesheetSubmission,
  KantataUser,
  KantataWorkspace,
  KantataWorkspaceGroup,
} from "../src/kantata-types.js";

/** Kantata records as the API sends them, for mapper tests. */
export const workspace: KantataWorkspace = {
  id: "4711",
  title: "Apollo ERP rollout",
  description: null,
  start_date: "2026-10-01",
  due_date: "2027-03-31",
  price_in_cents: 12_500_000,
  currency: "USD",
  status: { color: "green", key: 310, message: "Active" },
  archived: false,
  require_time_approvals: true,
  require_expense_approvals: true,
  stories_are_fixed_fee_by_default: false,
  creator_id: "7",
  primary_maven_id: "7",
  created_at: "2026-09-20T08:00:00-07:00",
  updated_at: "2026-11-02T09:15:00-08:00",
};

export const clientGroup: KantataWorkspaceGroup = {
  id: "300",
  name: "Globex Corporation",
  company: true,
  created_at: "2026-01-05T10:00:00Z",
  updated_at: "2026-01-05T10:00:00Z",
};

export const user: KantataUser = {
  id: "7",
  full_name: "Ada Lovelace",
  email_address: "ada@example.com",
  headline: "Principal consultant",
  account_id: 4200,
  disabled: false,
};

export const milestone: KantataStory = {
  id: "900",
  title: "Go-live",
  story_type: "milestone",
  workspace_id: "4711",
  parent_id: null,
  start_date: "2027-03-01",
  due_date: "2027-03-15",
  state: "started",
  billable: true,
  fixed_fee: true,
  budget_estimate_in_cents: 2_500_000,
  percentage_complete: 40,
  created_at: "2026-09-21T08:00:00Z",
  updated_at: "2026-11-01T08:00:00Z",
};

export const timeEntry: KantataTimeEntry = {
  id: "55001",
  date_performed: "2026-11-03",
  time_in_minutes: 450,
  billable: true,
  notes: "Data migration workshop",
  rate_in_cents: 17_550,
  cost_rate_in_cents: 9_000,
  currency: "USD",
  currency_base_unit: 100,
  approved: true,
  is_invoiced: false,
  workspace_id: "4711",
  story_id: "900",
  user_id: "7",
  role_id: null,
  active_submission_id: "800",
  created_at: "2026-11-03T17:00:00Z",
  updated_at: "2026-11-07T12:00:00Z",
};

export const submission: KantataTimesheetSubmission = {
  id: "800",
  status: "pending",
  title: "Week of 2026-11-02",
  workspace_id: "4711",
  user_id: "7",
  created_at: "2026-11-07T10:00:00Z",
  updated_at: "2026-11-07T10:00:00Z",
};

export const expense: KantataExpense = {
  id: "66001",
  date: "2026-11-04",
  amount_in_cents: 23_456,
  currency: "EUR",
  currency_base_unit: 100,
  category: "Lodging",
  notes: "Hotel, 2 nights",
  is_billable: true,
  reimbursable: true,
  is_invoiced: false,
  workspace_id: "4711",
  story_id: null,
  user_id: "7",
  active_submission_id: "810",
  recent_submission_id: "810",
  created_at: "2026-11-04T20:00:00Z",
  updated_at: "2026-11-06T09:00:00Z",
};

export const expenseReport: KantataExpenseReportSubmission = {
  id: "810",
  created_at: "2026-11-05T09:00:00Z",
  updated_at: "2026-11-06T09:00:00Z",
  title: "Week of 2026-11-02",
  type: "ExpenseReportSubmission",
  status: "approved",
  comment: null,
  resolution_description: "OK",
  current_resolution_description: "OK",
  current_resolution_creator_id: "9",
  current_resolution_created_at_date: "2026-11-06",
  submitted_at: "2026-11-05T09:00:00Z",
  line_item_total_in_cents: 23_456,
  currency: "EUR",
  expense_ids: ["66001"],
  workspace_id: "4711",
  user_id: "7",
};
