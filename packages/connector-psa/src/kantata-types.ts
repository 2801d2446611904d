import type { components } from "./generated/kantata.js";

type Schemas = components["schemas"];

/** A Kantata workspace (project), as the API sends it. */
export type KantataWorkspace = Schemas["Workspace"];
/** A Kantata workspace group; with `company` set it stands for a client. */
export type KantataWorkspaceGroup = Schemas["WorkspaceGroup"];
/** A Kantata story: task, deliverable, milestone or issue. */
export type KantataStory = Schemas["Story"];
/** A Kantata time entry. */
export type KantataTimeEntry = Schemas["TimeEntry"];
/** A Kantata timesheet submission (one user, one workspace, one week). */
export type KantataTimesheetSubmission = Schemas["TimesheetSubmission"];
/** A Kantata expense (no approval attribute: see {@link KantataExpenseReportSubmission}). */
export type KantataExpense = Schemas["Expense"];
/** A Kantata expense report submission: the approval request, and state, of a user's expenses. */
export type KantataExpenseReportSubmission = Schemas["ExpenseReportSubmission"];
/** A Kantata user. */
export type KantataUser = Schemas["User"];
/** A node of a Kantata organization tree (Department or Geography). */
export type KantataOrganization = Schemas["Organization"];
/** A role staffed on a workspace. */
export type KantataWorkspaceResource = Schemas["WorkspaceResource"];
/** A workspace resource assigned to a story. */
export type KantataAssignment = Schemas["Assignment"];
/** A third-party identifier attached to a Kantata object. */
export type KantataExternalReference = Schemas["ExternalReference"];
/** The Kantata error body: `{ errors: [{ type, message, field? }] }`. */
export type KantataErrorBody = Schemas["ErrorBody"];
/** Paging metadata of a Kantata list response. */
export type KantataMeta = Schemas["Meta"];
/** The frame of every Kantata list response. */
export type KantataEnvelope = Schemas["Envelope"];

/** Record type of each id-keyed map of the envelope, by map name (also the `key` of a result). */
export interface KantataRecordTypes {
  workspaces: KantataWorkspace;
  workspace_groups: KantataWorkspaceGroup;
  stories: KantataStory;
  time_entries: KantataTimeEntry;
  timesheet_submissions: KantataTimesheetSubmission;
  expenses: KantataExpense;
  expense_report_submissions: KantataExpenseReportSubmission;
  users: KantataUser;
  organizations: KantataOrganization;
  workspace_resources: KantataWorkspaceResource;
  assignments: KantataAssignment;
  external_references: KantataExternalReference;
}

/** Name of an envelope map, e.g. `"time_entries"`. */
export type KantataKey = keyof KantataRecordTypes;

/** Every envelope map name, in a stable order. */
export const KANTATA_KEYS: readonly KantataKey[] = [
  "workspaces",
  "workspace_groups",
  "stories",
  "time_entries",
  "timesheet_submissions",
  "expenses",
  "expense_report_submissions",
  "users",
  "organizations",
  "workspace_resources",
  "assignments",
  "external_references",
];
