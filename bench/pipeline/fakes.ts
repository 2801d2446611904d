// Child process of the pipeline bench: serves a Kantata fake holding SIZE approved time entries and a
// NetSuite fake (account limit 5) on loopback, prints their URLs as one JSON line, and exits when its
// stdin closes. Kept out of the measured process so the client's RSS and heap are the pipeline's own.
import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { createKantataFake } from "@ledgerline/connector-psa/testing";

const SIZE = Number(process.env.SIZE ?? 50_000);
const kantata = createKantataFake({ tokens: "bench-token", now: () => new Date("2026-11-20T10:00:00Z") });
kantata.seed({
  users: [{ id: "10", full_name: "Ada Lovelace", email_address: "ada@example.com", headline: "Consultant" }],
  workspaces: [
    {
      id: "100",
      title: "Globex ERP rollout",
      currency: "USD",
      price_in_cents: 50_000_000,
      status: { color: "green", key: 310, message: "Active" },
      require_time_approvals: true,
      require_expense_approvals: true,
    },
  ],
  stories: [
    { id: "300", title: "Design", story_type: "task", workspace_id: "100", state: "started", billable: true },
  ],
});
for (let from = 0; from < SIZE; from += 10_000) {
  kantata.seed({
    time_entries: Array.from({ length: Math.min(10_000, SIZE - from) }, (_, k) => {
      const i = from + k;
      return {
        id: String(100_000 + i),
        date_performed: `2026-11-${String(2 + (i % 20)).padStart(2, "0")}`,
        time_in_minutes: 60 + (i % 8) * 15,
        billable: true,
        rate_in_cents: 15_000,
        cost_rate_in_cents: 8_000,
        currency: "USD",
        currency_base_unit: 100,
        approved: true,
        is_invoiced: false,
        workspace_id: "100",
        story_id: "300",
        user_id: "10",
        active_submission_id: null,
        notes: null,
      };
    }),
  });
}
const netsuite = createNetSuiteFake({ concurrencyLimit: 5 });
const k = await kantata.listen();
const n = await netsuite.listen();
process.stdout.write(`${JSON.stringify({ kantata: k.url, netsuite: n.url })}\n`);
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
