import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileLedger, MemoryLedger } from "@ledgerline/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe } from "vitest";
import { PostgresLedger } from "../src/index.js";
import { createTestDatabase, type TestDatabase } from "./fixtures/database.js";
import { ledgerContract } from "./ledger-contract.js";

describe("Ledger contract: MemoryLedger", () => {
  ledgerContract(() => ({ open: async () => new MemoryLedger(), durable: false }));
});

describe("Ledger contract: FileLedger", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "ledger-contract-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  ledgerContract(() => ({ open: () => FileLedger.open(join(dir, "ledger.jsonl")), durable: true }));
});

describe("Ledger contract: PostgresLedger", () => {
  let db: TestDatabase;
  let n = 0;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });
  beforeEach(() => {
    n++;
  });
  // Each test its own ledger name in the one database: the same table, isolated by `name`.
  ledgerContract(() => {
    const name = `contract-${n}`;
    return { open: () => PostgresLedger.open(db.url, { name }), durable: true };
  });
});
