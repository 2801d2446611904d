import { describe, expect, it } from "vitest";
import { listRecords } from "./kantata-list.js";
import { KantataStore } from "./kantata-store.js";

function seeded() {
  let t = Date.parse("2026-11-01T00:00:00.000Z");
  const store = new KantataStore(() => {
    t += 1000;
    return new Date(t);
  });
  store.seed({
    users: [
      { id: "1", full_name: "Ada Lovelace", email_address: "ada@example.com" },
      { id: "2", full_name: "Alan Turing", email_address: null },
    ],
    workspaces: [
      {
        id: "10",
        title: "Apollo rollout",
        currency: "USD",
        status: { color: "green", key: 310, message: "Active" },
        creator_id: "1",
        require_time_approvals: true,
        require_expense_approvals: true,
      },
    ],
    stories: [
      {
        id: "20",
        title: "Go-live",
        story_type: "milestone",
        workspace_id: "10",
        state: "started",
        billable: true,
      },
    ],
    time_entries: [
      entry("100", "2026-11-02", true),
      entry("101", "2026-11-03", false),
      entry("102", "2026-11-04", true),
      entry("103", "2026-11-05", true, "11"),
    ],
  });
  return store;
}

function entry(id: string, date: string, approved: boolean, workspace = "10") {
  return {
    id,
    date_performed: date,
    time_in_minutes: 90,
    billable: true,
    currency: "USD",
    rate_in_cents: 15000,
    approved,
    workspace_id: workspace,
    user_id: id === "101" ? "2" : "1",
    story_id: "20",
  };
}

describe("listRecords (fake Kantata list endpoint)", () => {
  it("answers the envelope: count, meta, ordered results and an id-keyed map", () => {
    const out = listRecords(seeded(), "time_entries", { per_page: "2" }, { meta: true });
    expect(out.status).toBe(200);
    if (out.status !== 200) return;
    expect(out.body.count).toBe(4);
    expect(out.body.meta).toEqual({ count: 4, page_count: 2, page_number: 1, page_size: 2 });
    // default order: date_performed descending
    expect(out.body.results).toEqual([
      { key: "time_entries", id: "103" },
      { key: "time_entries", id: "102" },
    ]);
    expect(Object.keys(out.body.time_entries ?? {}).sort()).toEqual(["102", "103"]);
  });

  it("filters by approved, workspace_id, date_performed_between and only", () => {
    const store = seeded();
    const ids = (q: Record<string, string>) => {
      const out = listRecords(store, "time_entries", { ...q, order: "date_performed:asc" });
      return out.status === 200 ? out.body.results.map((r) => r.id) : out.body.errors;
    };
    expect(ids({ approved: "true" })).toEqual(["100", "102", "103"]);
    expect(ids({ approved: "false" })).toEqual(["101"]);
    expect(ids({ workspace_id: "11" })).toEqual(["103"]);
    expect(ids({ date_performed_between: "2026-11-03:2026-11-04" })).toEqual(["101", "102"]);
    expect(ids({ only: "100,103" })).toEqual(["100", "103"]);
  });

  it("keeps only records updated strictly after updated_after", () => {
    const store = seeded();
    const edited = store.update("time_entries", "100", { notes: "fixed typo" });
    const out = listRecords(store, "time_entries", {
      updated_after: store.get("time_entries", "103")?.updated_at,
    });
    expect(out.status === 200 && out.body.results.map((r) => r.id)).toEqual(["100"]);
    expect(out.status === 200 && out.body.time_entries?.["100"]?.updated_at).toBe(edited.updated_at);
  });

  it("side-loads includes into their own maps, and the same type's map may mix requested and included", () => {
    const store = seeded();
    const out = listRecords(store, "time_entries", { include: "user,story,workspace", only: "101" });
    expect(out.status).toBe(200);
    if (out.status !== 200) return;
    expect(Object.keys(out.body.users ?? {})).toEqual(["2"]);
    expect(out.body.stories?.["20"]?.story_type).toBe("milestone");
    expect(out.body.workspaces?.["10"]?.title).toBe("Apollo rollout");

    store.insert("stories", {
      id: "21",
      title: "Cutover",
      story_type: "task",
      workspace_id: "10",
      state: "started",
      parent_id: "20",
      billable: true,
    });
    const stories = listRecords(store, "stories", { include: "parent", only: "21" });
    expect(stories.status === 200 && stories.body.results).toEqual([{ key: "stories", id: "21" }]);
    expect(stories.status === 200 && Object.keys(stories.body.stories ?? {}).sort()).toEqual(["20", "21"]);
  });

  it("sends *_ids association attributes only when the association is included", () => {
    const store = seeded();
    store.insert("workspace_groups", { id: "50", name: "Globex", company: true, workspace_ids: ["10"] });
    const plain = listRecords(store, "workspace_groups", {});
    expect(plain.status === 200 && plain.body.workspace_groups?.["50"]).not.toHaveProperty("workspace_ids");
    const withWorkspaces = listRecords(store, "workspace_groups", { include: "workspaces" });
    expect(
      withWorkspaces.status === 200 && withWorkspaces.body.workspace_groups?.["50"]?.workspace_ids,
    ).toEqual(["10"]);
    expect(withWorkspaces.status === 200 && Object.keys(withWorkspaces.body.workspaces ?? {})).toEqual([
      "10",
    ]);
    const workspaces = listRecords(store, "workspaces", { include: "workspace_groups" });
    expect(workspaces.status === 200 && workspaces.body.workspaces?.["10"]?.workspace_group_ids).toEqual([
      "50",
    ]);
  });

  it("answers Kantata validation errors for per_page > 200, unknown includes and bad order", () => {
    const store = seeded();
    expect(listRecords(store, "time_entries", { per_page: "201" })).toEqual({
      status: 400,
      body: {
        errors: [{ type: "validation", message: "per_page must be between 1 and 200", field: "per_page" }],
      },
    });
    expect(listRecords(store, "time_entries", { include: "manager" }).status).toBe(400);
    expect(listRecords(store, "time_entries", { order: "nonsense:asc" }).status).toBe(400);
  });

  it("pages past the end with empty results and the same page_count", () => {
    const out = listRecords(seeded(), "time_entries", { per_page: "3", page: "5" }, { meta: true });
    expect(out.status === 200 && out.body.results).toEqual([]);
    expect(out.status === 200 && out.body.meta?.page_count).toBe(2);
  });

  it("omits meta unless asked, and the workspaces' financial fields without financial access", () => {
    const out = listRecords(seeded(), "workspaces", {}, { financialAccess: false });
    expect(out.status).toBe(200);
    if (out.status !== 200) return;
    expect(out.body).not.toHaveProperty("meta");
    expect(out.body.count).toBe(1);
    expect(out.body.workspaces?.["10"]).not.toHaveProperty("currency");
    expect(out.body.workspaces?.["10"]?.title).toBe("Apollo rollout");
  });
});

describe("KantataStore", () => {
  it("bumps updated_at strictly on every edit, even within the same millisecond", () => {
    const store = new KantataStore(() => new Date("2026-11-01T00:00:00.000Z"));
    const a = store.insert("organizations", { name: "Consulting" });
    const b = store.update("organizations", a.id, { name: "Consulting EMEA" });
    const c = store.update("organizations", a.id, { description: "Europe" });
    expect(Date.parse(b.updated_at)).toBeGreaterThan(Date.parse(a.updated_at));
    expect(Date.parse(c.updated_at)).toBeGreaterThan(Date.parse(b.updated_at));
    expect(c.name).toBe("Consulting EMEA");
  });

  it("keeps users without timestamps, as Kantata sends them", () => {
    const store = new KantataStore(() => new Date("2026-11-01T00:00:00.000Z"));
    const a = store.insert("users", { full_name: "Grace Hopper", created_at: "2026-01-01T00:00:00Z" });
    const b = store.update("users", a.id, { disabled: true });
    expect(a).not.toHaveProperty("created_at");
    expect(b).not.toHaveProperty("updated_at");
    expect(b.disabled).toBe(true);
  });

  it("round-trips through exportState/importState and reset empties it", () => {
    const store = seeded();
    const state = JSON.parse(JSON.stringify(store.exportState()));
    const other = new KantataStore();
    other.importState(state);
    expect(other.exportState()).toEqual(store.exportState());
    const next = other.insert("users", { full_name: "New Person" });
    expect(Number(next.id)).toBeGreaterThanOrEqual(1000);
    other.reset();
    expect(other.count("time_entries")).toBe(0);
  });

  it("pages a table in O(page): filters and sorts it once per query, not once per page, and sees writes", () => {
    const store = seeded();
    for (let i = 0; i < 40; i++) store.insert("time_entries", entry(String(200 + i), "2026-11-10", true));
    let scans = 0;
    const all = store.all.bind(store);
    store.all = ((key: Parameters<typeof all>[0]) => {
      scans++;
      return all(key);
    }) as typeof store.all;
    const ids: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const out = listRecords(store, "time_entries", {
        approved: "true",
        per_page: "10",
        page: String(page),
      });
      if (out.status !== 200) throw new Error("unexpected error");
      ids.push(...out.body.results.map((r) => r.id));
    }
    expect(scans).toBe(1);
    expect(ids).toHaveLength(43);
    expect(new Set(ids).size).toBe(43);
    // a write changes the store's revision: the next page comes from a fresh view
    store.update("time_entries", "101", { approved: true });
    const after = listRecords(store, "time_entries", { approved: "true", per_page: "50", page: "1" });
    expect(scans).toBe(2);
    expect(after.status === 200 && after.body.results.map((r) => r.id)).toContain("101");
    // a lookup by id never scans the table
    listRecords(store, "time_entries", { only: "100,100" });
    expect(scans).toBe(2);
  });
});
