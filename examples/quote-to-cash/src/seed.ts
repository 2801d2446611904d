import type {
  DemoDataSet,
  KantataExpense,
  KantataExpenseReportSubmission,
  KantataStory,
  KantataTimeEntry,
  KantataTimesheetSubmission,
  KantataUser,
  KantataWorkspace,
  KantataWorkspaceGroup,
  KantataWorkspaceResource,
  SeedSize,
  WorkforceRecord,
} from "./dataset.js";
import { DEMO_SIZE } from "./dataset.js";
import { Random } from "./random.js";

export type * from "./dataset.js";
export { DEMO_SIZE } from "./dataset.js";

const YEAR = 2026;
const MONTH = 10; // October 2026: 22 working days, starts on a Thursday.
const CLOSE_DAY = 16; // the closed project is closed on this day of the month.

const CLIENT_NAMES = [
  "Northwind Traders",
  "Contoso Pharmaceuticals",
  "Fabrikam Energy",
  "Tailspin Airlines",
  "Wide World Importers",
  "Adventure Works Cycles",
];
const PROJECT_NAMES = [
  "NetSuite ERP rollout",
  "Warehouse analytics",
  "Clinical data platform",
  "CPQ implementation",
  "Grid asset management",
  "Data governance programme",
  "Crew scheduling optimisation",
  "Loyalty platform migration",
  "Finance transformation",
  "Customer 360",
];
const TASK_NAMES = ["Discovery", "Design", "Build", "Data migration", "Testing", "Training", "Cutover"];
const MILESTONE_NAMES = ["Design sign-off", "Go-live"];
// biome-ignore format: a table of names
const FIRST_NAMES = [
  "Ava", "Ben", "Chloé", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
  "Kemi", "Liam", "Maya", "Nikhil", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tara",
];
// biome-ignore format: a table of names
const LAST_NAMES = [
  "Adeyemi", "Becker", "Chen", "Dubois", "Eriksen", "Fischer", "García", "Haddad", "Ivanova", "Jensen",
  "Kowalski", "Larsen", "Moreau", "Nakamura", "O'Neill", "Patel", "Rossi", "Santos", "Tanaka", "Varga",
];
const ROLES = [
  { name: "Principal", rate: 32_500, cost: 17_000, weight: 1 },
  { name: "Senior Consultant", rate: 24_000, cost: 12_500, weight: 3 },
  { name: "Consultant", rate: 18_000, cost: 9_000, weight: 4 },
  { name: "Analyst", rate: 12_500, cost: 6_000, weight: 2 },
] as const;
const COST_CENTERS = [
  { code: "CC-100", name: "Advisory", departmentId: "101" },
  { code: "CC-210", name: "Delivery East", departmentId: "102" },
  { code: "CC-220", name: "Delivery West", departmentId: "103" },
  { code: "CC-300", name: "Technical Architecture", departmentId: "104" },
] as const;
/** Created in the HCM last week; nobody has mapped it to a NetSuite department yet. */
const UNMAPPED_COST_CENTER = { code: "CC-450", name: "Data & AI Lab" } as const;
const EXPENSE_CATEGORIES = [
  { name: "Airfare", min: 18_000, max: 95_000, weight: 2 },
  { name: "Lodging", min: 14_000, max: 42_000, weight: 3 },
  { name: "Meals", min: 1_200, max: 8_500, weight: 5 },
  { name: "Ground Transportation", min: 1_500, max: 11_000, weight: 3 },
  { name: "Mileage", min: 2_000, max: 9_000, weight: 1 },
] as const;

/**
 * Generates the demo's data set for `seed`: one month of a consulting firm's delivery data in Kantata
 * OX API v1 shapes, the workforce directory an HCM (Workday) would supply, and the NetSuite master data
 * the postings reference (see `dataset.ts`).
 *
 * Deterministic (a seeded PRNG): the same seed and size give the same data, byte for byte.
 * It deliberately contains the cases a real month has: time awaiting approval (and one rejected
 * timesheet), a cost center nobody mapped to a NetSuite department yet, a project closed mid-month with
 * approved time still arriving, and approved entries edited after their approval.
 */
export function generateDataSet(seed: number, size: SeedSize = DEMO_SIZE): DemoDataSet {
  validateSize(size);
  const random = new Random(seed);
  const days = workingDays(YEAR, MONTH);
  const period = { from: isoDate(YEAR, MONTH, 1), to: isoDate(YEAR, MONTH, daysInMonth(YEAR, MONTH)) };

  // Clients and their projects. The last project is the one closed mid-month.
  const groups: KantataWorkspaceGroup[] = [];
  for (let c = 0; c < size.clients; c++) {
    groups.push({
      id: String(3_300_001 + c),
      name: CLIENT_NAMES[c % CLIENT_NAMES.length] + suffix(c, CLIENT_NAMES.length),
      company: true,
      workspace_ids: [],
      created_at: "2026-03-02T09:00:00Z",
      updated_at: "2026-09-14T09:00:00Z",
    });
  }
  const workspaces: KantataWorkspace[] = [];
  const closedIndex = size.projects - 1;
  for (let p = 0; p < size.projects; p++) {
    const group = groups[p % groups.length]!;
    const id = String(8_800_001 + p);
    group.workspace_ids.push(id);
    const closed = p === closedIndex;
    const code = `P-${101 + p}`;
    workspaces.push({
      id,
      title: `${code} ${shortName(group.name)} — ${PROJECT_NAMES[p % PROJECT_NAMES.length]}`,
      description: `Statement of work ${code} for ${group.name}.`,
      start_date: isoDate(YEAR, random.int(3, 8), 1),
      due_date: closed ? isoDate(YEAR, MONTH, CLOSE_DAY) : isoDate(YEAR + 1, random.int(1, 6), 28),
      price_in_cents: random.int(150, 900) * 1_000_00,
      currency: "USD",
      status: closed ? { color: "grey", message: "Completed" } : { color: "green", message: "In Progress" },
      status_key: closed ? 400 : 310,
      stories_are_fixed_fee_by_default: false,
      // Kantata often leaves the approval flags out: every third workspace comes without them.
      ...(p % 3 === 2 ? {} : { require_time_approvals: true, require_expense_approvals: true }),
      primary_workspace_group_id: group.id,
      created_at: "2026-03-02T09:00:00Z",
      updated_at: closed ? `${isoDate(YEAR, MONTH, CLOSE_DAY)}T16:30:00Z` : "2026-09-28T08:15:00Z",
    });
  }

  // Stories: tasks and milestones per project.
  const stories: KantataStory[] = [];
  const tasksByWorkspace = new Map<string, KantataStory[]>();
  for (const workspace of workspaces) {
    const tasks: KantataStory[] = [];
    const names = [...TASK_NAMES.slice(0, 5), ...MILESTONE_NAMES];
    for (const [i, title] of names.entries()) {
      const milestone = MILESTONE_NAMES.includes(title);
      const story: KantataStory = {
        id: String(7_700_001 + stories.length),
        workspace_id: workspace.id,
        title,
        story_type: milestone ? "milestone" : "task",
        parent_id: null,
        start_date: workspace.start_date,
        due_date: workspace.due_date,
        state: i < 2 ? "completed" : "started",
        billable: true,
        created_at: workspace.created_at,
        updated_at: "2026-09-30T12:00:00Z",
      };
      stories.push(story);
      if (!milestone) tasks.push(story);
    }
    tasksByWorkspace.set(workspace.id, tasks);
  }

  // Consultants: roles, cost centers (a few in the unmapped one), staffing on one to three projects.
  const users: KantataUser[] = [];
  const workforce: WorkforceRecord[] = [];
  const roleOf = new Map<string, (typeof ROLES)[number]>();
  const unmappedCount = Math.max(1, Math.round(size.consultants * 0.05));
  const unmappedFrom = size.consultants - unmappedCount;
  for (let u = 0; u < size.consultants; u++) {
    const first = FIRST_NAMES[u % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(u * 7 + Math.floor(u / LAST_NAMES.length)) % LAST_NAMES.length]!;
    const id = String(5_500_001 + u);
    const role = weighted(random, ROLES);
    roleOf.set(id, role);
    const email = `${ascii(first)}.${ascii(last)}${u >= FIRST_NAMES.length ? u : ""}@ledgerline-consulting.example`;
    users.push({
      id,
      full_name: `${first} ${last}`,
      email_address: email,
      headline: role.name,
      disabled: false,
      account_id: 4_200,
    });
    const costCenter =
      u >= unmappedFrom ? UNMAPPED_COST_CENTER.code : COST_CENTERS[u % COST_CENTERS.length]!.code;
    workforce.push({
      kantataUserId: id,
      workerId: `W-${String(20_001 + u)}`,
      fullName: `${first} ${last}`,
      email,
      costCenter,
      netsuiteEmployeeId: String(2_001 + u),
    });
  }
  const resources: KantataWorkspaceResource[] = [];
  const projectsOf = new Map<string, KantataWorkspace[]>();
  for (const [u, user] of users.entries()) {
    const count = random.int(1, Math.min(3, workspaces.length));
    const chosen = new Set<KantataWorkspace>([workspaces[u % workspaces.length]!]);
    while (chosen.size < count) chosen.add(random.pick(workspaces));
    projectsOf.set(user.id, [...chosen]);
    for (const workspace of chosen) {
      resources.push({
        id: String(6_600_001 + resources.length),
        workspace_id: workspace.id,
        user_id: user.id,
        created_at: "2026-09-01T08:00:00Z",
        updated_at: "2026-09-01T08:00:00Z",
      });
    }
  }

  // Timesheet submissions per user, week and project: approved, except the last week for about a
  // third of the consultants (still pending) and one rejected week.
  const weeks = weeksOf(days);
  const lastWeek = weeks[weeks.length - 1]!;
  const pendingUsers = new Set(users.filter(() => random.chance(0.25)).map((u) => u.id));
  const rejectedUser = users[Math.floor(users.length / 2)]!.id;
  const rejectedWeek = weeks[Math.min(1, weeks.length - 1)]!;
  const submissions = new Map<string, KantataTimesheetSubmission>();
  const submissionFor = (userId: string, workspaceId: string, day: string): KantataTimesheetSubmission => {
    const week = weeks.find((w) => w.days.includes(day))!;
    const mapKey = `${userId}|${workspaceId}|${week.start}`;
    let submission = submissions.get(mapKey);
    if (!submission) {
      const status =
        userId === rejectedUser && week === rejectedWeek
          ? "rejected"
          : week === lastWeek && pendingUsers.has(userId)
            ? "pending"
            : "approved";
      const submittedAt = `${week.end}T18:${pad(random.int(0, 59))}:00Z`;
      submission = {
        id: String(4_400_001 + submissions.size),
        workspace_id: workspaceId,
        user_id: userId,
        title: `Week of ${week.start}`,
        status,
        created_at: submittedAt,
        updated_at:
          status === "pending" ? submittedAt : `${addDays(week.end, 2)}T09:${pad(random.int(0, 59))}:00Z`,
      };
      submissions.set(mapKey, submission);
    }
    return submission;
  };

  // Time entries: exactly `size.timeEntries`, spread over (consultant, working day) slots; each slot's
  // entries add up to a plausible working day in quarter hours.
  const slots = random.shuffle(users.flatMap((user) => days.map((day) => ({ user, day }))));
  const base = Math.floor(size.timeEntries / slots.length);
  const extra = size.timeEntries % slots.length;
  const timeEntries: KantataTimeEntry[] = [];
  const closedWorkspace = workspaces[closedIndex]!;
  const closeDate = isoDate(YEAR, MONTH, CLOSE_DAY);
  slots.forEach((slot, s) => {
    const count = base + (s < extra ? 1 : 0);
    if (count === 0) return;
    const quarters = splitQuarters(random, random.int(28, 36), count);
    const open = projectsOf.get(slot.user.id)!.filter((w) => w !== closedWorkspace || slot.day < closeDate);
    const choices = open.length > 0 ? open : workspaces.filter((w) => w !== closedWorkspace);
    const role = roleOf.get(slot.user.id)!;
    for (const q of quarters) {
      const workspace = random.pick(choices);
      const story = random.pick(tasksByWorkspace.get(workspace.id)!);
      const submission = submissionFor(slot.user.id, workspace.id, slot.day);
      const createdAt = `${slot.day}T${pad(random.int(16, 19))}:${pad(random.int(0, 59))}:${pad(random.int(0, 59))}Z`;
      timeEntries.push({
        id: String(90_000_001 + timeEntries.length),
        workspace_id: workspace.id,
        story_id: story.id,
        user_id: slot.user.id,
        date_performed: slot.day,
        time_in_minutes: q * 15,
        billable: !random.chance(0.06),
        rate_in_cents: role.rate,
        cost_rate_in_cents: role.cost,
        currency: workspace.currency,
        approved: submission.status === "approved",
        is_invoiced: false,
        notes: `${story.title}: ${random.pick(NOTES)}`,
        active_submission_id: submission.id,
        created_at: createdAt,
        updated_at: createdAt,
      });
    }
  });
  timeEntries.sort((a, b) =>
    a.date_performed < b.date_performed
      ? -1
      : a.date_performed > b.date_performed
        ? 1
        : Number(a.id) - Number(b.id),
  );
  timeEntries.forEach((entry, i) => {
    entry.id = String(90_000_001 + i);
  });

  // A few approved entries were corrected after their approval (their updated_at is later).
  const submissionById = new Map([...submissions.values()].map((s) => [s.id, s]));
  const approvedEntries = timeEntries.filter((e) => e.approved);
  const editedCount = Math.max(1, Math.round(approvedEntries.length * 0.004));
  const edited = random.shuffle(approvedEntries).slice(0, editedCount);
  for (const entry of edited) {
    const approvedAt = submissionById.get(entry.active_submission_id)!.updated_at;
    entry.updated_at = `${addDays(approvedAt.slice(0, 10), random.int(1, 4))}T11:${pad(random.int(0, 59))}:00Z`;
    entry.time_in_minutes = Math.max(15, entry.time_in_minutes + (random.chance(0.5) ? 15 : -15));
    entry.notes = `${entry.notes} (corrected after approval)`;
  }

  // Expenses: exactly `size.expenses`, submitted per user, project and week in expense report
  // submissions. A week's expenses are approved when its timesheet is, pending when the timesheet is
  // pending (plus a few still in the approver's queue), rejected with a rejected timesheet — and at least
  // one submission of each state.
  const expenses: KantataExpense[] = [];
  for (let x = 0; x < size.expenses; x++) {
    const user = random.pick(users);
    const day = random.pick(days);
    const open = projectsOf.get(user.id)!.filter((w) => w !== closedWorkspace || day < closeDate);
    const workspace = random.pick(open.length > 0 ? open : workspaces.filter((w) => w !== closedWorkspace));
    const category = weighted(random, EXPENSE_CATEGORIES);
    const createdAt = `${day}T${pad(random.int(18, 21))}:${pad(random.int(0, 59))}:00Z`;
    expenses.push({
      id: String(66_000_001 + x),
      workspace_id: workspace.id,
      user_id: user.id,
      date: day,
      category: category.name,
      amount_in_cents: random.int(category.min, category.max),
      currency: workspace.currency,
      // Every expense in this slice is billable to the client (non-billable expenses are out of scope).
      is_billable: true,
      reimbursable: true,
      is_invoiced: false,
      notes: `${category.name} — ${shortName(groupOf(groups, workspace.id).name)} on site`,
      active_submission_id: null,
      recent_submission_id: null,
      created_at: createdAt,
      updated_at: createdAt,
    });
  }
  const expenseReports = expenseReportsOf(
    expenses,
    (e) => submissionFor(e.user_id, e.workspace_id, e.date),
    random,
  );

  const mappedCenters = COST_CENTERS.map((c) => c.code) as string[];
  return {
    seed,
    size: { ...size },
    period,
    kantata: {
      workspace_groups: groups,
      workspaces,
      users,
      stories,
      workspace_resources: resources,
      timesheet_submissions: [...submissions.values()].sort((a, b) => Number(a.id) - Number(b.id)),
      time_entries: timeEntries,
      expenses,
      expense_report_submissions: expenseReports,
    },
    workforce,
    netsuite: {
      subsidiaryId: "1",
      departments: COST_CENTERS.map((c) => ({ id: c.departmentId, name: c.name, costCenter: c.code })),
      employees: workforce.map((w) => ({
        id: w.netsuiteEmployeeId,
        entityId: w.fullName,
        email: w.email,
        costCenter: w.costCenter,
      })),
    },
    costCenters: [...COST_CENTERS, UNMAPPED_COST_CENTER].map((c) => ({ code: c.code, name: c.name })),
    costCenterMap: Object.fromEntries(
      COST_CENTERS.filter((c) => mappedCenters.includes(c.code)).map((c) => [c.code, c.departmentId]),
    ),
    scenario: {
      closedWorkspaceId: closedWorkspace.id,
      closedOn: closeDate,
      unmappedCostCenter: UNMAPPED_COST_CENTER.code,
      editedAfterApprovalIds: edited.map((e) => e.id).sort(),
    },
  };
}

/**
 * Groups expenses into expense report submissions (one per timesheet: user, project, week), sets each
 * submission's status from its timesheet's (3 % of approved weeks still pending), makes sure at least one
 * is pending and one rejected, and points the expenses at them as Kantata does: a rejected submission is
 * only their `recent_submission_id`.
 */
function expenseReportsOf(
  expenses: KantataExpense[],
  timesheetOf: (expense: KantataExpense) => KantataTimesheetSubmission,
  random: Random,
): KantataExpenseReportSubmission[] {
  const byTimesheet = new Map<
    string,
    { timesheet: KantataTimesheetSubmission; expenses: KantataExpense[] }
  >();
  for (const expense of expenses) {
    const timesheet = timesheetOf(expense);
    const group = byTimesheet.get(timesheet.id) ?? { timesheet, expenses: [] };
    group.expenses.push(expense);
    byTimesheet.set(timesheet.id, group);
  }
  const groups = [...byTimesheet.values()].sort((a, b) => Number(a.timesheet.id) - Number(b.timesheet.id));
  const reports = groups.map(({ timesheet, expenses: lines }, i): KantataExpenseReportSubmission => {
    const status =
      timesheet.status === "approved" && random.chance(0.03) ? ("pending" as const) : timesheet.status;
    const resolved = status !== "pending";
    const last = latest(lines.map((e) => e.created_at));
    return {
      id: String(7_700_001 + i),
      workspace_id: timesheet.workspace_id,
      user_id: timesheet.user_id,
      title: timesheet.title,
      status,
      expense_ids: lines.map((e) => e.id),
      current_resolution_description: status === "rejected" ? "Receipts missing" : null,
      current_resolution_creator_id: null,
      current_resolution_created_at_date: resolved ? timesheet.updated_at.slice(0, 10) : null,
      line_item_total_in_cents: lines.reduce((sum, e) => sum + e.amount_in_cents, 0),
      currency: lines[0]?.currency ?? "USD",
      created_at: latest([timesheet.created_at, last]),
      updated_at: resolved ? latest([timesheet.updated_at, last]) : last,
    };
  });
  // At least one submission still pending and one rejected, so the demo shows both.
  const approved = reports.filter((r) => r.status === "approved");
  if (!reports.some((r) => r.status === "pending") && approved.length > 1) {
    const pending = approved.shift()!;
    pending.status = "pending";
    pending.current_resolution_created_at_date = null;
  }
  if (!reports.some((r) => r.status === "rejected") && approved.length > 1) {
    const rejected = approved.pop()!;
    rejected.status = "rejected";
    rejected.current_resolution_description = "Receipts missing";
  }
  const byId = new Map(expenses.map((e) => [e.id, e]));
  for (const report of reports) {
    for (const id of report.expense_ids) {
      const expense = byId.get(id)!;
      expense.recent_submission_id = report.id;
      expense.active_submission_id = report.status === "rejected" ? null : report.id;
    }
  }
  return reports;
}

/** The latest of ISO instants (they sort as strings). */
function latest(instants: string[]): string {
  return [...instants].sort().at(-1) ?? "";
}

const NOTES = [
  "workshop with client stakeholders",
  "configuration",
  "requirements follow-up",
  "status meeting",
  "documentation",
  "defect fixes",
  "data mapping review",
  "test script execution",
  "solution design",
  "knowledge transfer",
];

function validateSize(size: SeedSize): void {
  for (const [field, value] of Object.entries(size)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`size.${field}: expected a non-negative integer, got ${String(value)}`);
    }
  }
  for (const field of ["clients", "projects", "consultants"] as const) {
    if (size[field] < 1) throw new RangeError(`size.${field}: expected at least 1, got ${size[field]}`);
  }
  if (size.projects < 2)
    throw new RangeError(`size.projects: expected at least 2 (one is closed), got ${size.projects}`);
}

function weighted<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = random.next() * total;
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1]!;
}

/** Splits `total` quarter hours into `parts` positive parts (at least one quarter each). */
function splitQuarters(random: Random, total: number, parts: number): number[] {
  const quarters = Array.from({ length: parts }, () => 1);
  for (let left = Math.max(0, total - parts); left > 0; left--) {
    const i = random.int(0, parts - 1);
    quarters[i] = (quarters[i] ?? 0) + 1;
  }
  return quarters;
}

function groupOf(groups: KantataWorkspaceGroup[], workspaceId: string): KantataWorkspaceGroup {
  return groups.find((g) => g.workspace_ids.includes(workspaceId))!;
}

function shortName(name: string): string {
  return name.split(" ")[0] ?? name;
}

function suffix(index: number, length: number): string {
  return index < length ? "" : ` ${Math.floor(index / length) + 1}`;
}

function ascii(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function workingDays(year: number, month: number): string[] {
  const days: string[] = [];
  for (let day = 1; day <= daysInMonth(year, month); day++) {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(isoDate(year, month, day));
  }
  return days;
}

/** Working days grouped by ISO week (Monday to Friday, clipped to the month). */
function weeksOf(days: string[]): { start: string; end: string; days: string[] }[] {
  const weeks: { start: string; end: string; days: string[] }[] = [];
  for (const day of days) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const monday = addDays(day, -(weekday - 1));
    let week = weeks[weeks.length - 1];
    if (!week || week.start !== monday) {
      week = { start: monday, end: addDays(monday, 6), days: [] };
      weeks.push(week);
    }
    week.days.push(day);
  }
  return weeks;
}
