import { createNetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { Crosswalk } from "@ledgerline/core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, PostgresLedger, SCHEMA_VERSION } from "../src/index.js";
import { createTestDatabase, type TestDatabase } from "./fixtures/database.js";
import { startFixture } from "./fixtures/spawn.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe("migrations", () => {
  it("apply once when many workers start at once (advisory lock), and are a no-op afterwards", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => migrate(db.url, { schema: "racing" })));
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
    expect(results.every((r) => r.version === SCHEMA_VERSION)).toBe(true);
    expect((await migrate(db.url, { schema: "racing" })).applied).toEqual([]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query("SELECT version FROM racing.schema_migration");
    await client.end();
    expect(rows).toEqual([{ version: SCHEMA_VERSION }]);
  });

  it("refuse a schema name that is not a plain identifier", async () => {
    await expect(migrate(db.url, { schema: "x; DROP TABLE y" })).rejects.toThrow(/option "schema"/);
  });
});

describe("PostgresLedger", () => {
  it("validates its options, naming the option", async () => {
    await expect(PostgresLedger.open(db.url, { nme: "x" } as never)).rejects.toThrow(/unknown option "nme"/);
    await expect(PostgresLedger.open(db.url, { name: "" })).rejects.toThrow(/option "name"/);
    await expect(PostgresLedger.open("", {})).rejects.toThrow(/connection/);
  });

  it("rejects an entry without a required field, naming it", async () => {
    const ledger = await PostgresLedger.open(db.url, { name: "fields" });
    await expect(ledger.record({ key: "k", hash: "", targetId: "1", postedAt: "x" })).rejects.toThrow(
      /"hash"/,
    );
    await ledger.close();
  });

  it("keeps ledgers of different names apart in one database, and counts other processes' keys", async () => {
    const a = await PostgresLedger.open(db.url, { name: "a" });
    const a2 = await PostgresLedger.open(db.url, { name: "a" });
    const b = await PostgresLedger.open(db.url, { name: "b" });
    await a.record({ key: "k", hash: "h", targetId: "1", postedAt: "2026-01-01T00:00:00Z" });
    expect(await b.get("k")).toBeUndefined();
    expect(await a2.get("k")).toEqual({
      key: "k",
      hash: "h",
      targetId: "1",
      postedAt: "2026-01-01T00:00:00Z",
    });
    expect(a2.size).toBe(0);
    expect(await a2.count()).toBe(1);
    for (const l of [a, a2, b]) await l.close();
  });

  it("pages through more entries than one page", async () => {
    const ledger = await PostgresLedger.open(db.url, { name: "paging" });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `INSERT INTO ledgerline.ledger_entry (ledger, key, hash, target_id, posted_at)
       SELECT 'paging', 'k' || g, 'h', 't' || g, '2026-01-01T00:00:00Z' FROM generate_series(1, 2500) g`,
    );
    await client.end();
    const keys = new Set<string>();
    for await (const e of ledger.entries()) keys.add(e.key);
    expect(keys.size).toBe(2500);
    await ledger.close();
  });

  it("two processes posting the same records at once store each once (ledger and NetSuite)", {
    timeout: 120_000,
  }, async () => {
    const fake = createNetSuiteFake({ concurrencyLimit: 20, latency: { minMs: 2, maxMs: 10 } });
    const server = await fake.listen({ host: "127.0.0.1", port: 0 });
    try {
      const count = 150;
      const runs = [0, 1].map(() => startFixture("post-child.ts", [db.url, server.url, String(count)]));
      const exits = await Promise.all(runs.map((r) => r.exit));
      for (const exit of exits) expect(exit, exit.stderr).toMatchObject({ code: 0 });
      expect(fake.duplicateExternalIds()).toEqual([]);
      const bills = fake.records("timeBill");
      expect(bills).toHaveLength(count);
      const ledger = await PostgresLedger.open(db.url, { name: "netsuite-time" });
      expect(await ledger.count()).toBe(count);
      const byKey = new Map(bills.map((b) => [b.externalId, b.id]));
      for await (const entry of ledger.entries()) expect(byKey.get(entry.key)).toBe(entry.targetId);
      await ledger.close();
      fake.assertNoViolations();
    } finally {
      await fake.close();
    }
  });

  it("gives core's Crosswalk to every worker: a link made by one handle resolves in another", async () => {
    const one = await PostgresLedger.open(db.url, { name: "ids" });
    const other = await PostgresLedger.open(db.url, { name: "ids" });
    expect((await new Crosswalk(one).link("project", "acme-rollout", "netsuite", "1042")).outcome).toBe(
      "created",
    );
    const seen = new Crosswalk(other);
    expect(await seen.lookup("project", "acme-rollout", "netsuite")).toBe("1042");
    expect(await seen.resolve("project", "netsuite", "1042")).toBe("acme-rollout");
    expect((await seen.link("project", "acme-rollout", "netsuite", "1042")).outcome).toBe("unchanged");
    await one.close();
    await other.close();
  });

  it("survives its connections being terminated (a restart of the database, as seen by the client)", async () => {
    const ledger = await PostgresLedger.open(db.url, { name: "restart" });
    await ledger.record({ key: "before", hash: "h", targetId: "1", postedAt: "2026-01-01T00:00:00Z" });
    expect(await db.terminateConnections()).toBeGreaterThan(0);
    await ledger.record({ key: "after", hash: "h", targetId: "2", postedAt: "2026-01-01T00:00:00Z" });
    expect((await ledger.get("before"))?.targetId).toBe("1");
    expect(await ledger.count()).toBe(2);
    await ledger.close();
  });
});
