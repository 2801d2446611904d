import type { KantataKey, KantataRecordTypes } from "../kantata-types.js";
import type { KantataStore } from "./kantata-store.js";

type AnyRecord = KantataRecordTypes[KantataKey];

/** How one `include=` name side-loads records: the map it fills and the ids it takes from a record. */
export interface IncludeRule {
  /** Map the included records go to. */
  target: KantataKey;
  /** Ids of the included records for `record`. */
  ids(record: AnyRecord, store: KantataStore): string[];
  /** Attribute listing the included ids, added to the record only when included (Kantata's `*_ids`). */
  idsField?: string;
}

const one =
  (field: string) =>
  (record: AnyRecord): string[] => {
    const id = (record as unknown as Record<string, unknown>)[field];
    return typeof id === "string" ? [id] : [];
  };

const referencesOf =
  (subjectType: string) =>
  (record: AnyRecord, store: KantataStore): string[] =>
    store
      .all("external_references")
      .filter((ref) => ref.subject_type === subjectType && ref.subject_id === record.id)
      .map((ref) => ref.id);

const externalReferences = (subjectType: string): IncludeRule => ({
  target: "external_references",
  ids: referencesOf(subjectType),
  idsField: "external_reference_ids",
});

/** The associations each fake endpoint can side-load, as in `openapi/kantata.yaml`. */
export const INCLUDE_RULES: { [K in KantataKey]: Record<string, IncludeRule> } = {
  workspaces: {
    creator: { target: "users", ids: one("creator_id") },
    primary_maven: { target: "users", ids: one("primary_maven_id") },
    participants: {
      target: "users",
      idsField: "participant_ids",
      ids: (record, store) => [
        ...new Set(
          store
            .all("workspace_resources")
            .filter((r) => r.workspace_id === record.id && typeof r.user_id === "string")
            .map((r) => r.user_id as string),
        ),
      ],
    },
    workspace_groups: {
      target: "workspace_groups",
      idsField: "workspace_group_ids",
      ids: (record, store) =>
        store
          .all("workspace_groups")
          .filter((group) => group.workspace_ids?.includes(record.id))
          .map((group) => group.id),
    },
    external_references: externalReferences("Workspace"),
  },
  workspace_groups: {
    workspaces: {
      target: "workspaces",
      idsField: "workspace_ids",
      ids: (record) => (record as KantataRecordTypes["workspace_groups"]).workspace_ids ?? [],
    },
  },
  stories: {
    workspace: { target: "workspaces", ids: one("workspace_id") },
    parent: { target: "stories", ids: one("parent_id") },
    external_references: externalReferences("Story"),
  },
  time_entries: {
    user: { target: "users", ids: one("user_id") },
    story: { target: "stories", ids: one("story_id") },
    workspace: { target: "workspaces", ids: one("workspace_id") },
    active_submission: { target: "timesheet_submissions", ids: one("active_submission_id") },
    external_references: externalReferences("TimeEntry"),
  },
  timesheet_submissions: {
    user: { target: "users", ids: one("user_id") },
    workspace: { target: "workspaces", ids: one("workspace_id") },
    time_entries: {
      target: "time_entries",
      idsField: "time_entry_ids",
      ids: (record, store) =>
        store
          .all("time_entries")
          .filter((entry) => entry.active_submission_id === record.id)
          .map((entry) => entry.id),
    },
  },
  expenses: {
    user: { target: "users", ids: one("user_id") },
    story: { target: "stories", ids: one("story_id") },
    workspace: { target: "workspaces", ids: one("workspace_id") },
    active_submission: { target: "expense_report_submissions", ids: one("active_submission_id") },
    external_references: externalReferences("Expense"),
  },
  expense_report_submissions: {
    expenses: {
      target: "expenses",
      ids: (record) => (record as KantataRecordTypes["expense_report_submissions"]).expense_ids ?? [],
    },
    user: { target: "users", ids: one("user_id") },
    workspace: { target: "workspaces", ids: one("workspace_id") },
    external_references: externalReferences("ExpenseReportSubmission"),
  },
  users: { external_references: externalReferences("User") },
  organizations: { parent: { target: "organizations", ids: one("parent_id") } },
  workspace_resources: {
    user: { target: "users", ids: one("user_id") },
    workspace: { target: "workspaces", ids: one("workspace_id") },
  },
  assignments: {
    story: { target: "stories", ids: one("story_id") },
    resource: { target: "workspace_resources", ids: one("resource_id") },
    assignee: { target: "users", ids: one("assignee_id") },
  },
  external_references: {},
};
