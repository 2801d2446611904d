/**
 * Quick start: a Kantata fake on 127.0.0.1, the PSA client reading approved time as canonical records,
 * then an incremental sync resumed from a persisted checkpoint.
 *
 *   node --conditions=@ledgerline/source --import tsx packages/connector-psa/examples/quick-start.ts
 */
import { createPsaClient, type SyncCheckpoint } from "@ledgerline/connector-psa";
import { createKantataFake } from "@ledgerline/connector-psa/testing";

const fake = createKantataFake({
  tokens: "demo-token",
  seed: {
    users: [{ id: "7", full_name: "Ada Lovelace", email_address: "ada@example.com" }],
    workspace_groups: [{ id: "20", name: "Globex", company: true, workspace_ids: ["10"] }],
    workspaces: [
      {
        id: "10",
        title: "Globex ERP rollout",
        currency: "USD",
        status: { color: "green", key: 310, message: "Active" },
        require_time_approvals: true,
        require_expense_approvals: true,
      },
    ],
    time_entries: [
      {
        date_performed: "2026-11-02",
        time_in_minutes: 450,
        billable: true,
        rate_in_cents: 17_550,
        currency: "USD",
        approved: true,
        workspace_id: "10",
        user_id: "7",
      },
      {
        date_performed: "2026-11-03",
        time_in_minutes: 90,
        billable: true,
        rate_in_cents: 17_550,
        currency: "USD",
        approved: false,
        workspace_id: "10",
        user_id: "7",
      },
    ],
  },
});
const server = await fake.listen();

try {
  const psa = createPsaClient({ auth: "demo-token", baseUrl: server.url });

  for await (const read of psa.projects()) {
    if (read.ok) console.log("project", read.value.key, read.value.name, "client:", read.value.client.name);
  }
  for await (const read of psa.approvedTimeEntries()) {
    if (read.ok)
      console.log("approved", read.value.key, `${read.value.minutes} min`, read.value.approval.state);
    else console.log("rejected", read.key, read.error.issues);
  }

  // Incremental: persist the checkpoint after each page, resume from it next time.
  let checkpoint: SyncCheckpoint | undefined;
  for await (const page of psa.syncTimeEntries()) {
    for (const read of page.records) if (read.ok) console.log("changed", read.key, read.value.approval.state);
    checkpoint = page.checkpoint; // e.g. writeFileSync("checkpoint.json", JSON.stringify(page.checkpoint))
  }
  const [entry] = fake.store.all("time_entries");
  if (entry) fake.edit("time_entries", entry.id, { time_in_minutes: 480 }); // edited after approval
  for await (const page of psa.syncTimeEntries({ checkpoint })) {
    for (const read of page.records)
      if (read.ok) console.log("changed again", read.key, `${read.value.minutes} min`);
  }
} finally {
  await fake.close();
}
