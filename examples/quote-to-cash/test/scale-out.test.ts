// `npm run demo -- --ledger postgres://… --workers N`: the scale-out run against the local PostgreSQL, in
// a database made and dropped here. The embedded default does not need the server (see cli.test.ts).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ADMIN_URL = process.env.LEDGERLINE_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const name = `ledgerline_test_${randomBytes(6).toString("hex")}`;
const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function demo(args: string[]) {
  return spawnSync(process.execPath, ["--conditions=@ledgerline/source", "--import", "tsx", main, ...args], {
    encoding: "utf8",
    timeout: 170_000,
  });
}

beforeAll(async () => {
  await admin(`CREATE DATABASE ${name}`);
});
afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe("demo --ledger postgres://… --workers N", () => {
  it("rejects bad flags with exit code 2, naming the flag", () => {
    expect(demo([`--ledger=file.jsonl`]).stderr).toMatch(/--ledger: expected a postgres:\/\//);
    const bad = demo(["--ledger", "file.jsonl"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--ledger: expected a postgres:\/\/ connection string/);
    expect(demo(["--ledger", url, "--workers", "0"]).stderr).toMatch(/--workers/);
  });

  it("posts every record once through 2 worker processes and reports the poison record", {
    timeout: 180_000,
  }, () => {
    const run = demo(["--ledger", url, "--workers", "2", "--records", "60"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 worker\(s\), 61 enqueued/);
    expect(run.stdout).toMatch(
      /NetSuite holds 60 time bills \(0 duplicated external ids\); the shared ledger holds 60 keys/,
    );
    expect(run.stdout).toMatch(/Dead letters: 1 — 1 × VALIDATION_ERROR/);
    expect(run.stdout).toMatch(/kantata-time_entries-60: .*APPROVAL_REQUIRED/);
    // A second run against the same database refuses instead of reporting against an empty fake.
    const again = demo(["--ledger", url, "--workers", "1"]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/use a fresh database/);
  });
});
