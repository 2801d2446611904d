import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { storeFetcher } from "../test/store-fetcher.js";
import type { SyncCheckpoint } from "./checkpoint.js";
import { syncPages } from "./incremental.js";
import { KantataStore } from "./testing/kantata-store.js";

/**
 * Property: however records are spread over timestamps (many ties), whatever the page size, wherever a run
 * stops and resumes from its persisted checkpoint, and whatever is edited between pages or runs, the union of all
 * runs delivers every record's latest version, and no version twice.
 */
describe("syncPages property: checkpoints resume without loss or duplication", () => {
  it("holds for random ties, page sizes, interruptions and edits", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 40 }), // seconds between inserts
        fc.integer({ min: 1, max: 7 }), // per_page
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }), // pages per run before a "crash"
        fc.array(fc.nat(), { maxLength: 10 }), // records edited between runs
        fc.constantFrom(0, 1000, 3000), // overlapMs
        async (gaps, perPage, runs, edits, overlapMs) => {
          let now = Date.parse("2026-11-02T10:00:00Z");
          const store = new KantataStore(() => new Date(now));
          for (const gap of gaps) {
            now += gap * 1000;
            store.insert("organizations", { name: "x" });
          }
          const delivered: string[] = []; // "id@updated_at"
          const ids = store.all("organizations").map((u) => u.id);
          const pending = [...edits];
          // Edits land between pages (while a run is reading) and between runs.
          const editOne = () => {
            const pick = pending.shift();
            const id = pick === undefined ? undefined : ids[pick % ids.length];
            if (pick === undefined || id === undefined) return;
            now += (pick % 2) * 1000; // sometimes within the same second
            store.update("organizations", id, { description: `edit ${pending.length}` });
          };
          let checkpoint: SyncCheckpoint | undefined;
          const run = async (maxPages: number) => {
            let pages = 0;
            for await (const page of syncPages(
              storeFetcher(store),
              "organizations",
              {},
              { perPage, checkpoint, overlapMs },
            )) {
              delivered.push(...page.records.map((r) => `${r.id}@${r.record.updated_at}`));
              checkpoint = JSON.parse(JSON.stringify(page.checkpoint)) as SyncCheckpoint;
              editOne();
              if (++pages >= maxPages) return false;
            }
            return true;
          };
          for (const maxPages of runs) {
            await run(maxPages);
            editOne();
          }
          while (pending.length > 0) editOne();
          while (!(await run(Number.POSITIVE_INFINITY))) {
            // finish
          }
          expect(new Set(delivered).size).toBe(delivered.length); // no version twice
          for (const user of store.all("organizations"))
            expect(delivered).toContain(`${user.id}@${user.updated_at}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
