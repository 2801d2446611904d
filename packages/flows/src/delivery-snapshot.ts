import type { Client, Dimensions, ExpenseLine, Project, Ref, TimeEntry } from "@ledgerline/canonical";
import type { PsaClient, PsaRead } from "@ledgerline/connector-psa";
import type { Crosswalk } from "@ledgerline/core";
import type { ReadFailure } from "./report.js";

/** The PSA reads {@link readDeliverySnapshot} makes: a real `PsaClient`, or a fake with these methods. */
export type DeliveryPsa = Pick<PsaClient, "clients" | "projects" | "timeEntries" | "expenses" | "pages">;

/** A date range, inclusive, as ISO `YYYY-MM-DD` (e.g. the accounting period being posted). */
export interface DateRange {
  from: string;
  to: string;
}

/** What the HCM (or a crosswalk) knows about a person that the PSA does not: target-system ids and dimensions. */
export interface ResourceFacts {
  /** Ids of the person in other systems, merged into the record's `resource.ids` (`{ netsuite: "501" }`). */
  ids?: Readonly<Record<string, string>>;
  /** Dimensions the person's work is booked to (`{ costCenter: "CC-410" }`), merged into the record's. */
  dimensions?: Dimensions;
}

/**
 * Looks up what is known about the person a time entry or expense is booked by (its `resource` reference,
 * e.g. `ids.kantata`), or `undefined` when nothing is: the record then goes on as the PSA sent it. May be
 * async (e.g. backed by core's `Crosswalk`); it is called once per person and read.
 */
export type ResourceDirectory = (
  resource: Ref,
) => ResourceFacts | undefined | Promise<ResourceFacts | undefined>;

/** A PSA record that could not be mapped to canonical: rejected, never dropped. */
export interface UnreadableRecord {
  key: string;
  /** Canonical type it would have been (`TimeEntry`). */
  type: string;
  /** Reason code (the mapper's issue code, `VALIDATION_FAILED` when it had none) and the field at fault. */
  code: string;
  field?: string;
  /** Why, without the value. */
  message: string;
}

/** Expense report submissions (and the period's expenses in them) by status. */
export interface ExpenseSubmissionCounts {
  approved: { submissions: number; expenses: number };
  pending: { submissions: number; expenses: number };
  rejected: { submissions: number; expenses: number };
}

/** What {@link postDelivery} posts and reconciles, read from the PSA for one period. */
export interface DeliverySnapshot {
  period: DateRange;
  clients: Client[];
  projects: Project[];
  /** Every time entry of the period, in any approval state, enriched by the {@link ResourceDirectory}. */
  timeEntries: TimeEntry[];
  /** Every expense dated in the period, in any approval state, enriched likewise. */
  expenses: ExpenseLine[];
  /** Records the PSA returned that could not be mapped to canonical. */
  unreadable: UnreadableRecord[];
  /** Approval instant of each approved timesheet submission (PSA id → ISO instant). */
  approvedAt: Map<string, string>;
  /** Expense report submissions by status: only expenses of approved ones are posted. */
  expenseSubmissions: ExpenseSubmissionCounts;
  /** Reads that ended in an error after retries (what was read before the error is kept). */
  readFailures: ReadFailure[];
  /** Ids other systems gave each project, by project key, from `projectIds` (empty without it). */
  projectIds: Map<string, Readonly<Record<string, string>>>;
}

/**
 * Ids other systems gave a project the PSA knows (e.g. `{ netsuite: "1042" }` for the NetSuite job the SOW
 * flow created), or `undefined` when none is known. Usually {@link crosswalkProjects}. May be async.
 */
export type ProjectDirectory = (
  project: Ref,
) => Readonly<Record<string, string>> | undefined | Promise<Readonly<Record<string, string>> | undefined>;

/**
 * A {@link ProjectDirectory} over a {@link Crosswalk}: the PSA's project id (`ref.ids[source]`) resolves to
 * the canonical project (linked by `syncEngagements`) and from there to the ids every other system gave it.
 * Time and expenses then post to the project the SOW created, not to a second copy keyed by the PSA.
 */
export function crosswalkProjects(crosswalk: Crosswalk, source = "kantata"): ProjectDirectory {
  return async (project) => {
    const id = project.ids?.[source];
    if (id === undefined) return undefined;
    const key = await crosswalk.resolve("project", source, id);
    if (key === undefined) return undefined;
    const ids: Record<string, string> = {};
    for (const system of ["netsuite", "salesforce"]) {
      const other = await crosswalk.lookup("project", key, system);
      if (other !== undefined) ids[system] = other;
    }
    return Object.keys(ids).length > 0 ? ids : undefined;
  };
}

/** Options of {@link readDeliverySnapshot}. */
export interface ReadDeliveryOptions {
  /** The period whose time and expenses are read. */
  period: DateRange;
  /** Adds HCM facts (target ids, cost center) to each record. @default none */
  resources?: ResourceDirectory | undefined;
  /**
   * Adds the ids other systems gave each project (see {@link crosswalkProjects}) to the projects' and the
   * records' `project.ids`, so they post to the project the SOW flow created. @default none
   */
  projectIds?: ProjectDirectory | undefined;
  /**
   * Keep the project task reference on time and expenses. Off by default: tasks are not synced to the ERP
   * by this step, so the time posts to the project.
   * @default false
   */
  keepTasks?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

/** The read names {@link DeliverySnapshot.readFailures} uses (`what`). */
export const DELIVERY_READS = {
  clients: "Kantata clients",
  projects: "Kantata projects",
  timeEntries: "Kantata time entries",
  expenses: "Kantata expenses",
  timesheets: "Kantata timesheet submissions",
  expenseReports: "Kantata expense report submissions",
} as const;

/**
 * Reads what the delivery step needs from the PSA for a period: clients, projects, the period's time
 * entries and expenses in any approval state (paged, mapped to canonical, enriched by `resources`), the
 * approval instants of timesheets and the expense report submissions by status. A record that cannot be
 * mapped is kept as {@link UnreadableRecord}; a read that fails after the client's retries is reported in
 * `readFailures` with what was read before it — never the end of the run. Aborting `signal` throws.
 */
export async function readDeliverySnapshot(
  psa: DeliveryPsa,
  options: ReadDeliveryOptions,
): Promise<DeliverySnapshot> {
  const { period, signal } = options;
  const unreadable: UnreadableRecord[] = [];
  const readFailures: ReadFailure[] = [];
  const read = signal ? { signal } : {};
  const guard = async (what: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      if (signal?.aborted) throw error;
      readFailures.push({ what, error: describeError(error) });
    }
  };
  const collect = async <T>(
    what: string,
    type: string,
    reads: AsyncIterable<PsaRead<T>>,
    keep: (value: T) => boolean = () => true,
  ) => {
    const out: T[] = [];
    await guard(what, async () => {
      for await (const r of reads) {
        if (r.ok) {
          if (keep(r.value)) out.push(r.value);
          continue;
        }
        const issue = r.error.issues[0];
        unreadable.push({
          key: r.key,
          type,
          code: issue?.code ?? "VALIDATION_FAILED",
          ...(issue?.path ? { field: issue.path } : {}),
          message: issue?.message ?? r.error.message,
        });
      }
    });
    return out;
  };
  const facts = new Map<string, ResourceFacts | undefined>();
  const projectIds = new Map<string, Readonly<Record<string, string>> | undefined>();
  const idsOfProject = async (ref: Ref): Promise<Ref> => {
    if (!options.projectIds) return ref;
    if (!projectIds.has(ref.key)) projectIds.set(ref.key, await options.projectIds(ref));
    const ids = projectIds.get(ref.key);
    return ids ? { ...ref, ids: { ...ref.ids, ...ids } } : ref;
  };
  const enrich = async <T extends TimeEntry | ExpenseLine>(records: T[]): Promise<T[]> => {
    const out: T[] = [];
    for (const record of records) {
      const key = record.resource.key;
      if (options.resources && !facts.has(key)) facts.set(key, await options.resources(record.resource));
      const enriched = enrichWork(record, facts.get(key), options.keepTasks ?? false);
      out.push(
        options.projectIds ? { ...enriched, project: await idsOfProject(enriched.project) } : enriched,
      );
    }
    return out;
  };
  const inPeriod = (date: string) => date >= period.from && date <= period.to;

  const clients = await collect(DELIVERY_READS.clients, "Client", psa.clients(read));
  const projects = await collect(DELIVERY_READS.projects, "Project", psa.projects(read));
  const timeEntries = await enrich(
    await collect(
      DELIVERY_READS.timeEntries,
      "TimeEntry",
      psa.timeEntries({ datePerformed: period, ...read }),
    ),
  );
  const expenses = await enrich(
    await collect(DELIVERY_READS.expenses, "ExpenseLine", psa.expenses(read), (e) => inPeriod(e.date)),
  );

  const approvedAt = new Map<string, string>();
  await guard(DELIVERY_READS.timesheets, async () => {
    for await (const page of psa.pages("timesheet_submissions", {}, read)) {
      for (const { record } of page.records) {
        if (record.status === "approved") approvedAt.set(record.id, record.updated_at);
      }
    }
  });
  // Expense approval lives on expense report submissions (expenses carry no approval attribute).
  const inPeriodExpense = new Set(expenses.map((e) => e.source.id));
  const expenseSubmissions: ExpenseSubmissionCounts = {
    approved: { submissions: 0, expenses: 0 },
    pending: { submissions: 0, expenses: 0 },
    rejected: { submissions: 0, expenses: 0 },
  };
  await guard(DELIVERY_READS.expenseReports, async () => {
    for await (const page of psa.pages("expense_report_submissions", { all_on_account: true }, read)) {
      for (const { record } of page.records) {
        if (record.status === "cancelled") continue;
        const counts = expenseSubmissions[record.status];
        counts.submissions += 1;
        const ids = Array.isArray(record.expense_ids) ? record.expense_ids : [];
        counts.expenses += ids.filter((id) => inPeriodExpense.has(id)).length;
      }
    }
  });
  const projectIdsByKey = new Map<string, Readonly<Record<string, string>>>();
  if (options.projectIds) {
    for (const project of projects) {
      const ref = await idsOfProject({
        key: project.key,
        ids: { [project.source.system]: project.source.id },
      });
      if (ref.ids) projectIdsByKey.set(project.key, ref.ids);
    }
  }
  return {
    period: { from: period.from, to: period.to },
    clients,
    projects,
    projectIds: projectIdsByKey,
    timeEntries,
    expenses,
    unreadable,
    approvedAt,
    expenseSubmissions,
    readFailures,
  };
}

/**
 * Adds what is known about a record's person (see {@link ResourceDirectory}): its ids merged into
 * `resource.ids`, its dimensions into the record's. Without `keepTasks` the task reference is dropped (the
 * work posts to the project).
 */
export function enrichWork<T extends TimeEntry | ExpenseLine>(
  record: T,
  facts: ResourceFacts | undefined,
  keepTasks = false,
): T {
  const { task: _task, ...withoutTask } = record;
  const base = (keepTasks ? record : withoutTask) as T;
  if (!facts) return base;
  return {
    ...base,
    resource: { ...record.resource, ids: { ...record.resource.ids, ...facts.ids } },
    ...(facts.dimensions ? { dimensions: { ...record.dimensions, ...facts.dimensions } } : {}),
  };
}

/** An error as `Name: message` for a report (connector errors never carry secrets or values). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
