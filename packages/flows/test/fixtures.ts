import { createNetSuiteClient, type NetSuiteClient } from "@ledgerline/connector-netsuite";
import { createNetSuiteFake, type NetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { createPsaClient, type PsaClient } from "@ledgerline/connector-psa";
import { createKantataFake, type KantataFake } from "@ledgerline/connector-psa/testing";
import { type Ledger, MemoryLedger } from "@ledgerline/core";
import type { FakeServer } from "@ledgerline/core/testing";
import type { DeliveryPolicy, ResourceDirectory } from "../src/index.js";

export const PERIOD = { from: "2026-11-01", to: "2026-11-30" };

/** Ada (CC-100, mapped) and Grace (CC-450, not mapped to a NetSuite department). */
export const WORKFORCE: Record<string, { netsuite: string; costCenter: string }> = {
  "7": { netsuite: "301", costCenter: "CC-100" },
  "8": { netsuite: "302", costCenter: "CC-450" },
};

export const resources: ResourceDirectory = (ref) => {
  const worker = ref.ids?.kantata === undefined ? undefined : WORKFORCE[ref.ids.kantata];
  return worker
    ? { ids: { netsuite: worker.netsuite }, dimensions: { costCenter: worker.costCenter } }
    : undefined;
};

export const DIMENSIONS = { target: "netsuite", tables: { costCenter: { "CC-100": "3" } } };

export const policy: DeliveryPolicy = {
  periods: [{ id: "2026-11", start: PERIOD.from, end: PERIOD.to, status: "open" }],
  requiredDimensions: ["costCenter"],
  dimensionMap: DIMENSIONS,
  dimensionNames: { costCenter: { "CC-450": "Data & AI Lab" } },
};

const time = (
  id: string,
  user: string,
  date: string,
  minutes: number,
  approved: boolean,
  extra: Record<string, unknown> = {},
) => ({
  id,
  date_performed: date,
  time_in_minutes: minutes,
  billable: true,
  rate_in_cents: 17_550,
  currency: "USD",
  approved,
  workspace_id: "10",
  user_id: user,
  ...extra,
});

/**
 * A Kantata month: Ada's two approved entries (in a timesheet approved on 10 November; 502 edited two days
 * after) and one not yet approved, Grace's approved entry (unmapped cost center), two of Ada's expenses (one
 * in an approved expense report, one pending).
 */
export function kantataFake(): KantataFake {
  const fake = createKantataFake({
    tokens: "test-token",
    seed: {
      users: [
        { id: "7", full_name: "Ada Lovelace", email_address: "ada@example.com" },
        { id: "8", full_name: "Grace Hopper", email_address: "grace@example.com" },
      ],
      workspace_groups: [{ id: "20", name: "Globex", company: true, workspace_ids: ["10"] }],
      workspaces: [
        {
          id: "10",
          title: "Globex ERP rollout",
          currency: "USD",
          status: { color: "green", key: 310, message: "Active" },
          status_key: 310,
          stories_are_fixed_fee_by_default: false,
          primary_workspace_group_id: "20",
          require_time_approvals: true,
          require_expense_approvals: true,
        },
      ],
      timesheet_submissions: [
        {
          id: "900",
          workspace_id: "10",
          user_id: "7",
          title: "Week of 2026-11-02",
          status: "approved",
          created_at: "2026-11-07T18:00:00Z",
          updated_at: "2026-11-10T09:00:00Z",
        },
      ],
      time_entries: [
        // Approving touches the entries right after the timesheet: not an edit.
        time("501", "7", "2026-11-02", 450, true, {
          active_submission_id: "900",
          updated_at: "2026-11-10T09:00:30Z",
        }),
        time("502", "7", "2026-11-03", 240, true, {
          active_submission_id: "900",
          updated_at: "2026-11-12T16:45:00Z",
        }),
        time("503", "7", "2026-11-04", 90, false),
        time("504", "8", "2026-11-02", 120, true),
      ],
      expenses: [
        {
          id: "601",
          workspace_id: "10",
          user_id: "7",
          date: "2026-11-05",
          category: "Lodging",
          amount_in_cents: 18_999,
          currency: "USD",
          is_billable: true,
          reimbursable: true,
          is_invoiced: false,
          active_submission_id: null,
          recent_submission_id: null,
        },
        {
          id: "602",
          workspace_id: "10",
          user_id: "7",
          date: "2026-11-06",
          category: "Meals",
          amount_in_cents: 4_250,
          currency: "USD",
          is_billable: true,
          reimbursable: true,
          is_invoiced: false,
          active_submission_id: null,
          recent_submission_id: null,
        },
      ],
    },
  });
  const approved = fake.submitExpenses(["601"]);
  fake.resolveExpenseReport(approved.id, "approved");
  fake.submitExpenses(["602"]); // pending
  return fake;
}

/** A NetSuite fake holding the subsidiary, the department of CC-100 and both employees; references checked. */
export function netsuiteFake(): NetSuiteFake {
  return createNetSuiteFake({
    strictReferences: true,
    records: {
      subsidiary: [{ id: "1", name: "Ledgerline Consulting Inc." }],
      department: [{ id: "3", name: "CC-100 Delivery" }],
      employee: [
        { id: "301", entityId: "Ada Lovelace", email: "ada@example.com" },
        { id: "302", entityId: "Grace Hopper", email: "grace@example.com" },
      ],
    },
  });
}

/** Both fakes on 127.0.0.1 and clients to them; the NetSuite client posts through `ledger`. */
export interface Harness {
  kantata: KantataFake;
  netsuite: NetSuiteFake;
  psa: PsaClient;
  client(ledger: Ledger, options?: { retry?: false }): NetSuiteClient;
  close(): Promise<void>;
}

export async function harness(): Promise<Harness> {
  const kantata = kantataFake();
  const netsuite = netsuiteFake();
  const servers: FakeServer[] = [await kantata.listen(), await netsuite.listen()];
  const [kantataServer, netsuiteServer] = servers as [FakeServer, FakeServer];
  return {
    kantata,
    netsuite,
    psa: createPsaClient({ auth: "test-token", baseUrl: kantataServer.url }),
    client: (ledger, options = {}) =>
      createNetSuiteClient({
        accountId: "123456_SB1",
        baseUrl: netsuiteServer.url,
        auth: { type: "none" },
        ledger,
        masterData: {
          dimensions: DIMENSIONS,
          expenseCategories: { Lodging: "12", Meals: "13" },
        },
        ...(options.retry === false ? { retry: false } : {}),
      }),
    close: async () => {
      await Promise.all([kantata.close(), netsuite.close()]);
    },
  };
}

export const newLedger = () => new MemoryLedger();
