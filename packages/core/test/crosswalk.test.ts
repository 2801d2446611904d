import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Crosswalk, FileLedger, MemoryLedger, ValidationError } from "../src/index.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("Crosswalk", () => {
  it("links each system's id to the canonical key and back", async () => {
    const crosswalk = new Crosswalk(new MemoryLedger());
    expect(await crosswalk.link("project", "acme-erp", "netsuite", "1042")).toEqual({ outcome: "created" });
    expect(await crosswalk.link("project", "acme-erp", "kantata", "77")).toEqual({ outcome: "created" });
    expect(await crosswalk.lookup("project", "acme-erp", "netsuite")).toBe("1042");
    expect(await crosswalk.lookup("project", "acme-erp", "kantata")).toBe("77");
    expect(await crosswalk.lookup("project", "acme-erp", "salesforce")).toBeUndefined();
    expect(await crosswalk.lookup("client", "acme-erp", "netsuite")).toBeUndefined();
    expect(await crosswalk.resolve("project", "netsuite", "1042")).toBe("acme-erp");
    expect(await crosswalk.resolve("project", "kantata", "1042")).toBeUndefined();
  });

  it("says when the same id is linked again and when an id is replaced", async () => {
    const crosswalk = new Crosswalk(new MemoryLedger());
    await crosswalk.link("person", "p-1", "kantata", "10");
    expect(await crosswalk.link("person", "p-1", "kantata", "10")).toEqual({ outcome: "unchanged" });
    expect(await crosswalk.link("person", "p-1", "kantata", "11")).toEqual({
      outcome: "replaced",
      previousId: "10",
    });
    expect(await crosswalk.lookup("person", "p-1", "kantata")).toBe("11");
    // the old id no longer resolves to the person
    expect(await crosswalk.resolve("person", "kantata", "10")).toBeUndefined();
    expect(await crosswalk.resolve("person", "kantata", "11")).toBe("p-1");
  });

  it("lists the links, of one kind or all", async () => {
    const ledger = new MemoryLedger();
    ledger.record({ key: "timebill-1", hash: "h", targetId: "5", postedAt: "2026-11-01T00:00:00.000Z" });
    const crosswalk = new Crosswalk(ledger, { now: () => new Date("2026-11-30T12:00:00Z") });
    await crosswalk.link("client", "acme", "salesforce", "001xx0000001");
    await crosswalk.link("person", "p-1", "workday", "21001");
    const all = [];
    for await (const link of crosswalk.links()) all.push(link);
    expect(all).toHaveLength(2);
    const people = [];
    for await (const link of crosswalk.links("person")) people.push(link);
    expect(people).toEqual([
      { kind: "person", key: "p-1", system: "workday", id: "21001", linkedAt: "2026-11-30T12:00:00.000Z" },
    ]);
  });

  it("rejects a bad kind, system, key or id with a ValidationError naming the field", async () => {
    const crosswalk = new Crosswalk(new MemoryLedger());
    await expect(crosswalk.link("pro/ject", "k", "netsuite", "1")).rejects.toMatchObject({
      issues: [{ path: "kind" }],
    });
    await expect(crosswalk.link("project", "k", "net suite", "1")).rejects.toBeInstanceOf(ValidationError);
    await expect(crosswalk.link("project", "", "netsuite", "1")).rejects.toMatchObject({
      issues: [{ path: "key" }],
    });
    await expect(crosswalk.lookup("project", "k".repeat(256), "netsuite")).rejects.toMatchObject({
      issues: [{ path: "key" }],
    });
    await expect(crosswalk.resolve("project", "netsuite", "")).rejects.toMatchObject({
      issues: [{ path: "id" }],
    });
  });

  it("keeps its links in a FileLedger across a reopen", async () => {
    const dir = await mkdtemp(join(tmpdir(), "crosswalk-"));
    dirs.push(dir);
    const path = join(dir, "ledger.jsonl");
    const first = await FileLedger.open(path);
    await new Crosswalk(first).link("costCenter", "cc-100", "netsuite", "7");
    await first.close();
    const second = await FileLedger.open(path);
    const crosswalk = new Crosswalk(second);
    expect(await crosswalk.lookup("costCenter", "cc-100", "netsuite")).toBe("7");
    expect(await crosswalk.resolve("costCenter", "netsuite", "7")).toBe("cc-100");
    await second.close();
  });
});
