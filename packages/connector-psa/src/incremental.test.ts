import { describe, expect, it } from "vitest";
import { storeFetcher } from "../test/store-fetcher.js";
import type { SyncCheckpoint } from "./checkpoint.js";
import { syncPages } from "./incremental.js";
import type { KantataQuery } from "./page-fetcher.js";
import { paginate } from "./paginate.js";
import { KantataStore } from "./testing/kantata-store.js";

/** A store whose clock the test controls. */
function storeAt(start: string) {
  let now = Date.parse(start);
  const store = new KantataStore(() => new Date(now));
  return { store, tick: (ms = 1000) => (now += ms) };
}

function seedEntries(store: KantataStore, count: number, firstId = 1) {
  for (let i = 0; i < count; i++) {
    store.insert("time_entries", {
      id: String(firstId + i),
      date_performed: "2026-11-02",
      time_in_minutes: 60,
      billable: true,
      currency: "USD",
      approved: true,
      workspace_id: "1",
      user_id: "7",
    });
  }
}

async function drain(
  store: KantataStore,
  options: { checkpoint?: SyncCheckpoint; perPage?: number; stopAfter?: number },
) {
  const ids: string[] = [];
  let checkpoint = options.checkpoint;
  let pages = 0;
  for await (const page of syncPages(storeFetcher(store), "time_entries", {}, options)) {
    ids.push(...page.records.map((r) => r.id));
    checkpoint = page.checkpoint;
    if (++pages === options.stopAfter) break;
  }
  return { ids, checkpoint };
}

describe("paginate", () => {
  it("walks every page in results order and stops at page_count", async () => {
    const { store, tick } = storeAt("2026-11-02T10:00:00Z");
    for (let i = 0; i < 5; i++) {
      seedEntries(store, 1, i + 1);
      tick();
    }
    const calls: KantataQuery[] = [];
    const ids: string[] = [];
    for await (const page of paginate(
      storeFetcher(store, calls),
      "time_entries",
      { order: "id:desc" },
      { perPage: 2 },
    )) {
      ids.push(...page.records.map((r) => r.id));
    }
    expect(ids).toEqual(["5", "4", "3", "2", "1"]);
    expect(calls.map((c) => c.page)).toEqual([1, 2, 3]);
    expect(calls.every((c) => c.per_page === 2)).toBe(true);
  });

  it("refuses per_page over 200", async () => {
    const { store } = storeAt("2026-11-02T10:00:00Z");
    await expect(paginate(storeFetcher(store), "time_entries", {}, { perPage: 201 }).next()).rejects.toThrow(
      /perPage/,
    );
  });
});

describe("syncPages (incremental by updated_after)", () => {
  it("reads everything once, oldest first, when records share timestamps across page boundaries", async () => {
    const { store, tick } = storeAt("2026-11-02T10:00:00Z");
    seedEntries(store, 7, 1); // 7 records at one instant, more than a page
    tick();
    seedEntries(store, 3, 8);
    const { ids, checkpoint } = await drain(store, { perPage: 3 });
    expect(ids).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(checkpoint?.newest).toBe("2026-11-02T10:00:01.000Z");
  });

  it("resumes from a persisted checkpoint without loss or duplication, even mid-tie", async () => {
    const { store, tick } = storeAt("2026-11-02T10:00:00Z");
    seedEntries(store, 5, 1);
    tick();
    seedEntries(store, 5, 6);
    const first = await drain(store, { perPage: 3, stopAfter: 1 });
    expect(first.ids).toEqual(["1", "2", "3"]);
    const persisted = JSON.parse(JSON.stringify(first.checkpoint)) as SyncCheckpoint;
    const rest = await drain(store, { perPage: 3, checkpoint: persisted });
    expect([...first.ids, ...rest.ids]).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
  });

  it("delivers records edited after the checkpoint (e.g. edited after approval) on the next run", async () => {
    const { store, tick } = storeAt("2026-11-02T10:00:00Z");
    seedEntries(store, 4, 1);
    const first = await drain(store, {});
    expect(first.ids).toEqual(["1", "2", "3", "4"]);
    tick(60_000);
    store.update("time_entries", "2", { time_in_minutes: 90 });
    tick();
    seedEntries(store, 1, 5);
    const second = await drain(store, { checkpoint: first.checkpoint });
    expect(second.ids).toEqual(["2", "5"]);
    const third = await drain(store, { checkpoint: second.checkpoint });
    expect(third.ids).toEqual([]);
  });

  it("does not skip records when others are edited while it pages", async () => {
    const { store, tick } = storeAt("2026-11-02T10:00:00Z");
    for (let i = 1; i <= 9; i++) {
      seedEntries(store, 1, i);
      tick();
    }
    const ids: string[] = [];
    let edited = false;
    for await (const page of syncPages(storeFetcher(store), "time_entries", {}, { perPage: 3 })) {
      ids.push(...page.records.map((r) => r.id));
      if (!edited) {
        // an already-read record is edited: offset paging would now skip record 4
        tick();
        store.update("time_entries", "1", { notes: "edited" });
        edited = true;
      }
    }
    expect(new Set(ids)).toEqual(new Set(["1", "2", "3", "4", "5", "6", "7", "8", "9"]));
    expect(ids.filter((id) => id === "1")).toHaveLength(2); // the edit is a new version, delivered again
  });

  it("passes filters through and always orders by updated_at ascending", async () => {
    const { store } = storeAt("2026-11-02T10:00:00Z");
    seedEntries(store, 2, 1);
    const calls: KantataQuery[] = [];
    for await (const _ of syncPages(storeFetcher(store, calls), "time_entries", { approved: true }, {})) {
      // drain
    }
    expect(calls[0]).toMatchObject({ approved: true, order: "updated_at:asc", page: 1, per_page: 200 });
    expect(calls[0]?.updated_after).toBeUndefined();
  });
});
