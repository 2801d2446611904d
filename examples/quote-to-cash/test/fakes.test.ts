import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakes } from "../src/fakes.js";
import { readJournal } from "../src/journal.js";
import { generateDataSet } from "../src/seed.js";
import { type StatePaths, statePaths } from "../src/state.js";

const data = generateDataSet(7, { clients: 1, projects: 2, consultants: 3, timeEntries: 20, expenses: 2 });
let dir: string;
let paths: StatePaths;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "fakes-"));
  paths = statePaths(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const options = (resume: boolean) => ({ data, paths, resume, faults: 0, netsuiteConcurrencyLimit: 5 });
const putCustomer = (url: string, externalId: string, companyName: string) =>
  fetch(`${url}/record/v1/customer/eid:${externalId}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ companyName, subsidiary: { id: data.netsuite.subsidiaryId } }),
  });

describe("the demo's durable fakes", () => {
  it("a NetSuite write is in the journal on disk before the fake answers, and survives a kill", async () => {
    const fakes = await startFakes(options(false));
    const res = await putCustomer(fakes.netsuiteServer.url, "C-1", "Acme");
    expect(res.status).toBe(204);
    // No close(): as if the process were killed right after the answer.
    const journal = await readJournal<{ type: string; record: { externalId?: string } }>(
      paths.netsuiteJournal,
    );
    expect(journal.map((c) => `${c.type}/${c.record.externalId}`)).toEqual(["customer/C-1"]);
    await putCustomer(fakes.netsuiteServer.url, "C-1", "Acme Ltd");

    const restarted = await startFakes(options(true));
    try {
      expect(restarted.resumed).toBe(true);
      expect(restarted.netsuite.records("customer").map((c) => [c.externalId, c.companyName])).toEqual([
        ["C-1", "Acme Ltd"],
      ]);
      // The replayed journal is folded into the snapshot, and the journal starts empty.
      expect(await readFile(paths.netsuiteJournal, "utf8")).toBe("");
      expect(await readFile(paths.netsuite, "utf8")).toContain("Acme Ltd");
      // The Kantata fake comes back with the same records (same versions: nothing re-posted).
      expect(restarted.kantata.exportState()).toEqual(fakes.kantata.exportState());
    } finally {
      await restarted.close();
      await fakes.close({ persist: false });
    }
  });
});
