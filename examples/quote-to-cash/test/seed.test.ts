import { describe, expect, it } from "vitest";
import { DEMO_SIZE, generateDataSet, type SeedSize } from "../src/seed.js";

const SMALL: SeedSize = { clients: 2, projects: 4, consultants: 10, timeEntries: 600, expenses: 40 };

describe("generateDataSet", () => {
  it("is deterministic: the same seed gives byte-identical data", () => {
    expect(JSON.stringify(generateDataSet(7, SMALL))).toBe(JSON.stringify(generateDataSet(7, SMALL)));
  });

  it("differs for a different seed", () => {
    expect(JSON.stringify(generateDataSet(7, SMALL))).not.toBe(JSON.stringify(generateDataSet(8, SMALL)));
  });

  it("has the demo's composition at the default size", () => {
    const data = generateDataSet(20261031);
    const k = data.kantata;
    expect(data.size).toEqual(DEMO_SIZE);
    expect(k.workspace_groups).toHaveLength(4);
    expect(k.workspace_groups.every((g) => g.company)).toBe(true);
    expect(k.workspaces).toHaveLength(8);
    expect(k.users).toHaveLength(40);
    expect(k.time_entries).toHaveLength(10_000);
    expect(k.expenses).toHaveLength(500);
    expect(data.period).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    for (const entry of k.time_entries) {
      expect(entry.date_performed >= data.period.from && entry.date_performed <= data.period.to).toBe(true);
      expect(Number.isInteger(entry.time_in_minutes) && entry.time_in_minutes > 0).toBe(true);
      expect(entry.time_in_minutes % 15).toBe(0);
    }
    for (const expense of k.expenses) expect(Number.isInteger(expense.amount_in_cents)).toBe(true);
  });

  it("plants every special case: unapproved, closed project, unmapped cost center, edited after approval", () => {
    const data = generateDataSet(20261031);
    const k = data.kantata;
    const unapproved = k.time_entries.filter((e) => !e.approved);
    expect(unapproved.length).toBeGreaterThan(200);
    expect(unapproved.length).toBeLessThan(2_000);
    expect(k.timesheet_submissions.some((s) => s.status === "rejected")).toBe(true);
    expect(k.timesheet_submissions.some((s) => s.status === "pending")).toBe(true);

    const closed = k.workspaces.filter((w) => w.status.message === "Completed");
    expect(closed.map((w) => w.id)).toEqual([data.scenario.closedWorkspaceId]);
    const onClosed = k.time_entries.filter((e) => e.workspace_id === data.scenario.closedWorkspaceId);
    expect(onClosed.filter((e) => e.approved).length).toBeGreaterThan(0);
    expect(onClosed.every((e) => e.date_performed < data.scenario.closedOn)).toBe(true);

    const unmapped = data.scenario.unmappedCostCenter;
    expect(data.costCenterMap[unmapped]).toBeUndefined();
    const unmappedUsers = new Set(
      data.workforce.filter((w) => w.costCenter === unmapped).map((w) => w.kantataUserId),
    );
    expect(unmappedUsers.size).toBeGreaterThan(0);
    expect(k.time_entries.some((e) => unmappedUsers.has(e.user_id) && e.approved)).toBe(true);
    for (const w of data.workforce.filter((w) => w.costCenter !== unmapped)) {
      expect(data.costCenterMap[w.costCenter]).toBeDefined();
    }

    const submissions = new Map(k.timesheet_submissions.map((s) => [s.id, s]));
    const edited = data.scenario.editedAfterApprovalIds;
    expect(edited.length).toBeGreaterThan(10);
    for (const id of edited) {
      const entry = k.time_entries.find((e) => e.id === id)!;
      expect(entry.approved).toBe(true);
      expect(entry.updated_at > submissions.get(entry.active_submission_id)!.updated_at).toBe(true);
    }
  });

  it("puts every expense in an expense report submission: approved, pending and rejected ones", () => {
    const data = generateDataSet(20261031);
    const k = data.kantata;
    const reports = new Map(k.expense_report_submissions.map((r) => [r.id, r]));
    const statuses = new Set(k.expense_report_submissions.map((r) => r.status));
    expect(statuses).toEqual(new Set(["approved", "pending", "rejected"]));
    for (const expense of k.expenses) {
      expect(expense).not.toHaveProperty("approved"); // Kantata expenses have no approval attribute
      const report = reports.get(expense.recent_submission_id ?? "");
      expect(report?.expense_ids).toContain(expense.id);
      // a rejected submission is no longer the expense's active one
      expect(expense.active_submission_id).toBe(report?.status === "rejected" ? null : report?.id);
      expect(report?.workspace_id).toBe(expense.workspace_id);
    }
    const listed = k.expense_report_submissions.flatMap((r) => r.expense_ids);
    expect(listed.sort()).toEqual(k.expenses.map((e) => e.id).sort());
    // Kantata often omits the approval flags: some workspaces come without them
    expect(k.workspaces.some((w) => w.require_time_approvals === undefined)).toBe(true);
    expect(k.users.every((u) => !("updated_at" in u) && Number.isInteger(u.account_id))).toBe(true);
  });

  it("keeps references consistent and ids unique", () => {
    const data = generateDataSet(3, SMALL);
    const k = data.kantata;
    const workspaces = new Set(k.workspaces.map((w) => w.id));
    const users = new Set(k.users.map((u) => u.id));
    const stories = new Map(k.stories.map((s) => [s.id, s]));
    const submissions = new Map(k.timesheet_submissions.map((s) => [s.id, s]));
    expect(new Set(k.time_entries.map((e) => e.id)).size).toBe(k.time_entries.length);
    expect(new Set(k.expenses.map((e) => e.id)).size).toBe(k.expenses.length);
    for (const e of k.time_entries) {
      expect(workspaces.has(e.workspace_id) && users.has(e.user_id)).toBe(true);
      expect(stories.get(e.story_id)?.workspace_id).toBe(e.workspace_id);
      const submission = submissions.get(e.active_submission_id)!;
      expect(submission.user_id).toBe(e.user_id);
      expect(submission.workspace_id).toBe(e.workspace_id);
      expect(e.approved).toBe(submission.status === "approved");
    }
    for (const w of k.workspaces) {
      expect(k.workspace_groups.filter((g) => g.workspace_ids.includes(w.id))).toHaveLength(1);
    }
    expect(data.workforce.map((w) => w.kantataUserId).sort()).toEqual([...users].sort());
  });

  it("rejects a bad size, naming the field", () => {
    expect(() => generateDataSet(1, { ...SMALL, timeEntries: 1.5 })).toThrow(/size\.timeEntries/);
    expect(() => generateDataSet(1, { ...SMALL, projects: 1 })).toThrow(/size\.projects/);
  });
});
