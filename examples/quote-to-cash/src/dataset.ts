/**
 * The shapes of the demo's data set: one month of a consulting firm's delivery data in Kantata OX API v1
 * shapes (snake_case field names, numeric-string ids, money in cents, durations in minutes), the
 * workforce directory an HCM (Workday) would supply, and the NetSuite master data the postings reference.
 * `seed.ts` generates it.
 */

/** How much data to generate. */
export interface SeedSize {
  clients: number;
  projects: number;
  consultants: number;
  timeEntries: number;
  expenses: number;
}

/** The size the demo runs with (the "realistic month"). */
export const DEMO_SIZE: SeedSize = {
  clients: 4,
  projects: 8,
  consultants: 40,
  timeEntries: 10_000,
  expenses: 500,
};

/** Kantata status object of a workspace (no `key`: the numeric key comes as the workspace's `status_key`). */
export interface KantataStatus {
  color: string;
  message: string;
}

/** A client: a Kantata workspace group flagged `company`, listing its workspaces. */
export interface KantataWorkspaceGroup {
  id: string;
  name: string;
  company: boolean;
  workspace_ids: string[];
  created_at: string;
  updated_at: string;
}

/** A project. */
export interface KantataWorkspace {
  id: string;
  title: string;
  description: string;
  start_date: string;
  due_date: string;
  price_in_cents: number;
  currency: string;
  status: KantataStatus;
  status_key: number;
  stories_are_fixed_fee_by_default: boolean;
  /** Often absent in Kantata responses: absent means unknown (treated as "approval required"). */
  require_time_approvals?: boolean;
  require_expense_approvals?: boolean;
  primary_workspace_group_id: string;
  created_at: string;
  updated_at: string;
}

/** A consultant. Kantata users carry no timestamps; `account_id` is an integer. */
export interface KantataUser {
  id: string;
  full_name: string;
  email_address: string;
  headline: string;
  disabled: boolean;
  account_id: number;
}

/** A task or milestone of a workspace. */
export interface KantataStory {
  id: string;
  workspace_id: string;
  title: string;
  story_type: "task" | "milestone";
  parent_id: string | null;
  start_date: string;
  due_date: string;
  state: "not started" | "started" | "completed";
  billable: boolean;
  created_at: string;
  updated_at: string;
}

/** A consultant staffed on a workspace. */
export interface KantataWorkspaceResource {
  id: string;
  workspace_id: string;
  user_id: string;
  created_at: string;
  updated_at: string;
}

/** One user's week of time on one workspace, submitted for approval. */
export interface KantataTimesheetSubmission {
  id: string;
  workspace_id: string;
  user_id: string;
  title: string;
  status: "approved" | "pending" | "rejected";
  created_at: string;
  updated_at: string;
}

/** A time entry. Rates are sensitive: never logged, never in an error message. */
export interface KantataTimeEntry {
  id: string;
  workspace_id: string;
  story_id: string;
  user_id: string;
  date_performed: string;
  time_in_minutes: number;
  billable: boolean;
  rate_in_cents: number;
  cost_rate_in_cents: number;
  currency: string;
  approved: boolean;
  is_invoiced: boolean;
  notes: string;
  active_submission_id: string;
  created_at: string;
  updated_at: string;
}

/**
 * An expense. It has no approval attribute: approval lives on its expense report submission
 * (`active_submission_id` while pending or approved; after a rejection only `recent_submission_id`).
 */
export interface KantataExpense {
  id: string;
  workspace_id: string;
  user_id: string;
  date: string;
  category: string;
  amount_in_cents: number;
  currency: string;
  is_billable: boolean;
  reimbursable: boolean;
  is_invoiced: boolean;
  notes: string;
  active_submission_id: string | null;
  recent_submission_id: string | null;
  created_at: string;
  updated_at: string;
}

/** One user's expenses on one workspace for one week, submitted for approval. */
export interface KantataExpenseReportSubmission {
  id: string;
  workspace_id: string;
  user_id: string;
  title: string;
  status: "approved" | "pending" | "rejected";
  expense_ids: string[];
  current_resolution_description: string | null;
  current_resolution_creator_id: string | null;
  current_resolution_created_at_date: string | null;
  line_item_total_in_cents: number;
  currency: string;
  created_at: string;
  updated_at: string;
}

/** The HCM (Workday) view of a consultant: cost center and the NetSuite employee it maps to. */
export interface WorkforceRecord {
  kantataUserId: string;
  workerId: string;
  fullName: string;
  email: string;
  costCenter: string;
  netsuiteEmployeeId: string;
}

/** NetSuite master data the postings reference (loaded into the NetSuite fake). */
export interface NetSuiteMasterData {
  subsidiaryId: string;
  departments: { id: string; name: string; costCenter: string }[];
  employees: { id: string; entityId: string; email: string; costCenter: string }[];
}

/** Everything the demo starts from. */
export interface DemoDataSet {
  seed: number;
  size: SeedSize;
  /** The month the data covers (inclusive ISO dates). */
  period: { from: string; to: string };
  kantata: {
    workspace_groups: KantataWorkspaceGroup[];
    workspaces: KantataWorkspace[];
    users: KantataUser[];
    stories: KantataStory[];
    workspace_resources: KantataWorkspaceResource[];
    timesheet_submissions: KantataTimesheetSubmission[];
    time_entries: KantataTimeEntry[];
    expenses: KantataExpense[];
    expense_report_submissions: KantataExpenseReportSubmission[];
  };
  workforce: WorkforceRecord[];
  netsuite: NetSuiteMasterData;
  /** Every cost center the HCM knows, with its name. */
  costCenters: { code: string; name: string }[];
  /** Cost center code → NetSuite department id. One cost center is deliberately missing. */
  costCenterMap: Record<string, string>;
  /** The planted special cases, for tests and for the README; the flow itself discovers them. */
  scenario: {
    closedWorkspaceId: string;
    closedOn: string;
    unmappedCostCenter: string;
    editedAfterApprovalIds: string[];
  };
}
