import {
  type ApprovedTimeEntry,
  type BillableExpense,
  type Client,
  type ExpenseLine,
  type Milestone,
  type Project,
  parseApprovedTimeEntry,
  type Ref,
  type Resource,
  type TimeEntry,
} from "@ledgerline/canonical";
import type { WalkedRecord } from "./envelope.js";
import type {
  KantataExternalReference,
  KantataKey,
  KantataStory,
  KantataWorkspace,
} from "./kantata-types.js";
import { toClient } from "./mappers/client.js";
import { toBillableExpense, toExpenseLine } from "./mappers/expense.js";
import { toMilestone } from "./mappers/milestone.js";
import { toProject } from "./mappers/project.js";
import { toResource } from "./mappers/resource.js";
import { toTimeEntry } from "./mappers/time-entry.js";
import type { KantataQuery } from "./page-fetcher.js";

/** How to read one canonical type from Kantata: which list, with which query and includes, mapped how. */
export interface CanonicalStream<K extends KantataKey, T> {
  key: K;
  query: KantataQuery;
  map(item: WalkedRecord<K>): T;
  /**
   * Records a page needs that `include=` cannot side-load: their map, their ids (those the page does not
   * carry already) and the query to list them with (`only=<ids>` is added). Fetched with one extra request
   * per page, before the page is mapped.
   */
  related?(records: readonly WalkedRecord<K>[]): RelatedRecords | undefined;
}

/** See {@link CanonicalStream.related}. */
export interface RelatedRecords {
  key: KantataKey;
  ids: string[];
  query?: KantataQuery;
}

/** Filters shared by the time and expense reads. */
export interface WorkFilters {
  /** Only these workspaces (Kantata ids). */
  workspaceIds?: readonly string[] | undefined;
}

/** Filters of the time entry reads. */
export interface TimeEntryFilters extends WorkFilters {
  /** `true`: approved only; `false`: unapproved only; absent: all. */
  approved?: boolean | undefined;
  /** Inclusive range of `date_performed`, `YYYY-MM-DD`. */
  datePerformed?: { from: string; to: string } | undefined;
}

/**
 * Filters of the expense reads. Kantata expenses have no `approved` attribute or filter: approval comes
 * from each expense's expense report submission (side-loaded), so every read returns expenses in any state.
 */
export interface ExpenseFilters extends WorkFilters {}

/** Options of the project read. */
export interface ProjectStreamOptions {
  /**
   * The firm's currency (ISO 4217), for workspaces sent without `currency` (tokens without financial
   * access). Without it such a workspace is rejected naming `currency`.
   */
  currency?: string | undefined;
  /**
   * The client of a workspace, when it is known elsewhere — typically a CRM account linked through one of
   * the workspace's external references (side-loaded for you). Return `undefined` to fall back to the
   * workspace's client group: the group of `primary_workspace_group_id`, else its first company group.
   */
  clientFor?: ((workspace: KantataWorkspace, related: ProjectRelated) => Ref | undefined) | undefined;
}

/** What `clientFor` receives besides the workspace. */
export interface ProjectRelated {
  /** The workspace's external references (ids of it in other systems). */
  externalReferences: KantataExternalReference[];
  /** The walked record, to look up any other side-loaded record. */
  item: WalkedRecord<"workspaces">;
}

/** Options of the milestone read. */
export interface MilestoneStreamOptions extends WorkFilters {
  /** Completion day of a completed milestone (Kantata stories carry none). */
  completedOn?: ((story: KantataStory) => string | undefined) | undefined;
}

const workspaceFilter = (f: WorkFilters): KantataQuery =>
  f.workspaceIds && f.workspaceIds.length > 0 ? { workspace_id: f.workspaceIds.join(",") } : {};

/** Workspaces → {@link Project}, with client groups and project leads side-loaded. */
export function projectStream(options: ProjectStreamOptions = {}): CanonicalStream<"workspaces", Project> {
  return {
    key: "workspaces",
    query: { include: "workspace_groups,primary_maven,external_references" },
    map(item) {
      const workspace = item.record;
      const fields = fieldsOf(workspace);
      const externalReferences = arrayOf(fields.external_reference_ids).flatMap((id) => {
        const ref = item.included.get("external_references", idOrUndefined(id));
        return ref === undefined ? [] : [ref];
      });
      const primaryGroup = item.included.get(
        "workspace_groups",
        idOrUndefined(fields.primary_workspace_group_id),
      );
      const clientGroup =
        primaryGroup ??
        arrayOf(fields.workspace_group_ids)
          .map((id) => item.included.get("workspace_groups", idOrUndefined(id)))
          .find((group) => group?.company === true);
      return toProject(workspace, {
        client: options.clientFor?.(workspace, { externalReferences, item }),
        clientGroup,
        primaryMaven: item.included.get("users", idOrUndefined(fields.primary_maven_id)),
        currency: options.currency,
      });
    },
  };
}

/** Company workspace groups → {@link Client}. Non-company groups come back as rejects. */
export function clientStream(): CanonicalStream<"workspace_groups", Client> {
  return { key: "workspace_groups", query: {}, map: (item) => toClient(item.record) };
}

/**
 * Users → {@link Resource}. Kantata users carry no timestamps: each resource's `source.updatedAt` is when
 * the read started, its version a content hash.
 */
export function resourceStream(
  observedAt: string = new Date().toISOString(),
): CanonicalStream<"users", Resource> {
  return { key: "users", query: {}, map: (item) => toResource(item.record, {}, { observedAt }) };
}

/** Stories of type milestone → {@link Milestone}, with their workspace side-loaded. */
export function milestoneStream(options: MilestoneStreamOptions = {}): CanonicalStream<"stories", Milestone> {
  return {
    key: "stories",
    query: { story_type: "milestone", include: "workspace", ...workspaceFilter(options) },
    map: (item) =>
      toMilestone(item.record, {
        workspace: item.included.get("workspaces", idOrUndefined(fieldsOf(item.record).workspace_id)),
        completedOn: options.completedOn?.(item.record),
      }),
  };
}

function timeQuery(filters: TimeEntryFilters): KantataQuery {
  return {
    include: "user,story,workspace,active_submission",
    ...workspaceFilter(filters),
    ...(filters.approved === undefined ? {} : { approved: filters.approved }),
    ...(filters.datePerformed
      ? { date_performed_between: `${filters.datePerformed.from}:${filters.datePerformed.to}` }
      : {}),
  };
}

function mapTimeEntry(item: WalkedRecord<"time_entries">): TimeEntry {
  const entry = fieldsOf(item.record);
  return toTimeEntry(item.record, {
    user: item.included.get("users", idOrUndefined(entry.user_id)),
    workspace: item.included.get("workspaces", idOrUndefined(entry.workspace_id)),
    story: item.included.get("stories", idOrUndefined(entry.story_id)),
    submission: item.included.get("timesheet_submissions", idOrUndefined(entry.active_submission_id)),
  });
}

/** Time entries in any approval state → {@link TimeEntry}. */
export function timeEntryStream(filters: TimeEntryFilters = {}): CanonicalStream<"time_entries", TimeEntry> {
  return { key: "time_entries", query: timeQuery(filters), map: mapTimeEntry };
}

/** Approved time entries (`approved=true`) → {@link ApprovedTimeEntry}. */
export function approvedTimeEntryStream(
  filters: Omit<TimeEntryFilters, "approved"> = {},
): CanonicalStream<"time_entries", ApprovedTimeEntry> {
  return {
    key: "time_entries",
    query: timeQuery({ ...filters, approved: true }),
    map: (item) => parseApprovedTimeEntry(mapTimeEntry(item)),
  };
}

function expenseContext(item: WalkedRecord<"expenses">) {
  const e = fieldsOf(item.record);
  const submissionId = idOrUndefined(e.active_submission_id) ?? idOrUndefined(e.recent_submission_id);
  return {
    user: item.included.get("users", idOrUndefined(e.user_id)),
    workspace: item.included.get("workspaces", idOrUndefined(e.workspace_id)),
    story: item.included.get("stories", idOrUndefined(e.story_id)),
    submission: item.included.get("expense_report_submissions", submissionId),
  };
}

/** Expenses with their submission side-loaded: the only source of an expense's approval. */
function expenseQuery(filters: ExpenseFilters): KantataQuery {
  return { include: "user,story,workspace,active_submission", ...workspaceFilter(filters) };
}

/**
 * The expense report submissions a page of expenses points at but does not carry: `include=active_submission`
 * side-loads only active ones, so a rejected or cancelled submission (then only `recent_submission_id`) is
 * listed by id, so that its expenses map as `rejected` / `draft` rather than unknown.
 */
function missingSubmissions(records: readonly WalkedRecord<"expenses">[]): RelatedRecords | undefined {
  const ids = new Set<string>();
  for (const item of records) {
    const e = fieldsOf(item.record);
    const id = idOrUndefined(e.active_submission_id) ?? idOrUndefined(e.recent_submission_id);
    if (id !== undefined && item.included.get("expense_report_submissions", id) === undefined) ids.add(id);
  }
  return ids.size === 0
    ? undefined
    : { key: "expense_report_submissions", ids: [...ids], query: { all_on_account: true } };
}

/** Expenses in any approval state → {@link ExpenseLine}. */
export function expenseStream(filters: ExpenseFilters = {}): CanonicalStream<"expenses", ExpenseLine> {
  return {
    key: "expenses",
    query: expenseQuery(filters),
    map: (item) => toExpenseLine(item.record, expenseContext(item)),
    related: missingSubmissions,
  };
}

/**
 * Expenses → {@link BillableExpense}: those in an approved expense report submission and billable map;
 * every other expense comes back as a reject naming `active_submission_id` (not approved) and/or
 * `is_billable`. Kantata cannot filter expenses by approval, so every expense is read.
 */
export function billableExpenseStream(
  filters: WorkFilters = {},
): CanonicalStream<"expenses", BillableExpense> {
  return {
    key: "expenses",
    query: expenseQuery(filters),
    map: (item) => toBillableExpense(item.record, expenseContext(item)),
    related: missingSubmissions,
  };
}

/** A usable id from a record attribute of unknown type (a hostile record's non-string id is no id). */
function idOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The array attribute, or none when the record sends something else. */
function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The attributes of a record of unknown shape (none for a hostile non-object; the mapper rejects it). */
function fieldsOf(record: unknown): Record<string, unknown> {
  return typeof record === "object" && record !== null ? (record as Record<string, unknown>) : {};
}
