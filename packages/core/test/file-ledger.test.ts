import { type ChildProcess, spawn } from "node:child_process";
import { appendFile, mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LedgerlineError } from "../src/errors.js";
import { FileLedger, LedgerCorruptionError } from "../src/file-ledger.js";
import { acquireLock, LockHeldError } from "../src/file-lock.js";
import { idempotentUpsert } from "../src/idempotent-upsert.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ledgerline-ledger-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (key: string, hash: string, targetId = `t-${key}`) => ({
  key,
  hash,
  targetId,
  postedAt: "2026-03-01T00:00:00.000Z",
});

describe("FileLedger", () => {
  it("persists entries across reopen, latest per key", async () => {
    const path = join(dir, "sub", "ledger.jsonl");
    const ledger = await FileLedger.open(path);
    await ledger.record(entry("a", "h1"));
    await ledger.record({ ...entry("a", "h2"), version: 2 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => ledger.record(entry(`k${i}`, "h"))));
    expect(ledger.size).toBe(51);
    await ledger.close();
    const again = await FileLedger.open(path);
    expect(await again.get("a")).toEqual({ ...entry("a", "h2"), version: 2 });
    expect(again.size).toBe(51);
    expect(again.recovery).toEqual({ records: 52, truncatedBytes: 0, skippedRecords: 0 });
    await again.close();
  });

  it("works with idempotentUpsert across a restart", async () => {
    const path = join(dir, "ledger.jsonl");
    let writes = 0;
    const write = async () => {
      writes++;
      return "NS-9";
    };
    const l1 = await FileLedger.open(path);
    expect((await idempotentUpsert({ ledger: l1, key: "k", hash: "h", write })).status).toBe("written");
    await l1.close();
    const l2 = await FileLedger.open(path);
    expect((await idempotentUpsert({ ledger: l2, key: "k", hash: "h", write })).status).toBe("unchanged");
    await l2.close();
    expect(writes).toBe(1);
  });

  it("drops a torn last record (no newline) and truncates it away", async () => {
    const path = join(dir, "ledger.jsonl");
    const l1 = await FileLedger.open(path);
    await l1.record(entry("a", "h1"));
    await l1.close();
    const good = await readFile(path, "utf8");
    await appendFile(path, good.slice(0, 30));
    const l2 = await FileLedger.open(path);
    expect(l2.recovery).toEqual({ records: 1, truncatedBytes: 30, skippedRecords: 0 });
    expect(await readFile(path, "utf8")).toBe(good);
    await l2.record(entry("b", "h2"));
    await l2.close();
    const l3 = await FileLedger.open(path);
    expect(l3.size).toBe(2);
    expect(l3.recovery.truncatedBytes).toBe(0);
    await l3.close();
  });

  it("drops a complete last record whose checksum does not match", async () => {
    const path = join(dir, "ledger.jsonl");
    const l1 = await FileLedger.open(path);
    await l1.record(entry("a", "h1"));
    await l1.record(entry("b", "h1"));
    await l1.close();
    const text = await readFile(path, "utf8");
    await writeFile(path, text.replace('"key":"b","hash":"h1"', '"key":"b","hash":"h9"'));
    const l2 = await FileLedger.open(path);
    expect(await l2.get("b")).toBeUndefined();
    expect(l2.recovery.records).toBe(1);
    expect(l2.recovery.truncatedBytes).toBeGreaterThan(0);
    await l2.close();
  });

  it("refuses a corrupt record in the middle, or skips it when asked", async () => {
    const path = join(dir, "ledger.jsonl");
    const l1 = await FileLedger.open(path);
    for (const k of ["a", "b", "c"]) await l1.record(entry(k, "h1"));
    await l1.close();
    const text = await readFile(path, "utf8");
    await writeFile(path, text.replace('"key":"b"', '"key":"B"'));
    const error = await FileLedger.open(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerCorruptionError);
    expect(error).toBeInstanceOf(LedgerlineError);
    expect((error as LedgerCorruptionError).code).toBe("LEDGER_CORRUPT");
    await expect(FileLedger.open(path)).rejects.toThrow(/line 2/);
    const l2 = await FileLedger.open(path, { onCorruption: "skip" });
    expect(l2.recovery).toMatchObject({ records: 2, skippedRecords: 1 });
    expect([await l2.get("a"), await l2.get("b"), await l2.get("c")].map((e) => e?.key)).toEqual([
      "a",
      undefined,
      "c",
    ]);
    await l2.close();
  });

  it("reads journals larger than its read buffer, records spanning chunk boundaries", async () => {
    const path = join(dir, "big.jsonl");
    const l1 = await FileLedger.open(path, { fsync: "never", autoCompact: false });
    const pad = "p".repeat(1500);
    await Promise.all(
      Array.from({ length: 3000 }, (_, i) =>
        l1.record({ ...entry(`k${i}`, `h${i}`), version: `${i}${pad}` }),
      ),
    );
    await l1.close();
    const size = (await stat(path)).size;
    expect(size).toBeGreaterThan(3 * 1024 * 1024);
    await appendFile(path, '0000abcd {"key":"torn');
    const l2 = await FileLedger.open(path);
    expect(l2.recovery).toEqual({ records: 3000, truncatedBytes: 21, skippedRecords: 0 });
    expect((await stat(path)).size).toBe(size);
    for (const i of [0, 699, 700, 1499, 2999]) expect((await l2.get(`k${i}`))?.version).toBe(`${i}${pad}`);
    await l2.close();
  });

  it("compacts to one record per key, keeping the latest", async () => {
    const path = join(dir, "ledger.jsonl");
    const ledger = await FileLedger.open(path, { autoCompact: false });
    for (let i = 0; i < 200; i++) await ledger.record(entry(`k${i % 10}`, `h${i}`));
    const before = (await stat(path)).size;
    await ledger.compact();
    expect((await stat(path)).size).toBeLessThan(before / 10);
    await ledger.record(entry("new", "h"));
    await ledger.close();
    const again = await FileLedger.open(path);
    expect(again.recovery.records).toBe(11);
    expect((await again.get("k3"))?.hash).toBe("h193");
    await again.close();
  });

  it("compacts automatically past the threshold without losing concurrent records", async () => {
    const path = join(dir, "ledger.jsonl");
    const ledger = await FileLedger.open(path, { autoCompact: { minRecords: 50, ratio: 2 } });
    await Promise.all(Array.from({ length: 400 }, (_, i) => ledger.record(entry(`k${i % 20}`, `h${i}`))));
    await ledger.close();
    const again = await FileLedger.open(path);
    expect(again.size).toBe(20);
    expect(again.recovery.records).toBeLessThan(400);
    await again.close();
  });

  it("lets one writer hold a ledger at a time, refusing a second with a typed error", async () => {
    const path = join(dir, "ledger.jsonl");
    const ledger = await FileLedger.open(path);
    const refused = await FileLedger.open(path).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LockHeldError);
    expect(refused).toBeInstanceOf(LedgerlineError);
    expect((refused as LockHeldError).folder).toBe(dir);
    expect((refused as LockHeldError).holder?.pid).toBe(process.pid);
    expect((refused as Error).message).toContain(dir);
    await ledger.close();
    await (await FileLedger.open(path)).close();
  });

  it("takes over a stale lock that carries this process's own pid (a restarted container)", async () => {
    const path = join(dir, "ledger.jsonl");
    // What a container killed and restarted leaves: the lock directory, and a holder file naming the
    // same pid the new process now has. Only the heartbeat (mtime) counts, so it is taken over.
    await mkdir(`${path}.lock`);
    await writeFile(
      `${path}.lock-holder.json`,
      JSON.stringify({ host: hostname(), pid: process.pid, startedAt: "2026-01-01T00:00:00.000Z" }),
    );
    const old = new Date(Date.now() - 60_000);
    await utimes(`${path}.lock`, old, old);
    const started = Date.now();
    const ledger = await FileLedger.open(path);
    expect(Date.now() - started).toBeLessThan(1500);
    await ledger.record(entry("a", "h"));
    await ledger.close();

    // A PID file left by an earlier version's killed process: stale (old), replaced by the lock directory.
    await writeFile(`${path}.lock`, String(process.pid));
    await utimes(`${path}.lock`, old, old);
    await (await FileLedger.open(path)).close();

    // Left just now (heartbeat still recent, nobody refreshing it): open waits out the stale window.
    await mkdir(`${path}.lock`);
    const reopened = await FileLedger.open(path, { lockStaleMs: 2000 });
    expect(await reopened.get("a")).toBeDefined();
    await reopened.close();
  }, 20_000);

  it("validates entries and options exactly, naming the option", async () => {
    const ledger = await FileLedger.open(join(dir, "l.jsonl"));
    await expect(ledger.record({ ...entry("a", "h"), targetId: "" })).rejects.toThrow(/"targetId"/);
    await ledger.close();
    const open = (options: unknown) => FileLedger.open(join(dir, "x.jsonl"), options as never);
    await expect(open({ fsync: "sometimes" })).rejects.toThrow(/option "fsync"/);
    await expect(open({ onCorruption: "ignore" })).rejects.toThrow(/option "onCorruption"/);
    await expect(open({ onCorruption: "ignore" })).rejects.toBeInstanceOf(TypeError);
    await expect(open({ autoCompact: true })).rejects.toThrow(/option "autoCompact"/);
    await expect(open({ autoCompact: { minRecords: -1, ratio: 2 } })).rejects.toThrow(
      /"autoCompact.minRecords"/,
    );
    await expect(open({ autoCompact: { minRecords: 10, ratio: "2" } })).rejects.toThrow(
      /"autoCompact.ratio"/,
    );
    await expect(open({ lock: "yes" })).rejects.toThrow(/option "lock"/);
    await expect(open({ lockStaleMs: 500 })).rejects.toThrow(/option "lockStaleMs"/);
    await expect(open({ onCoruption: "skip" })).rejects.toThrow(/unknown option "onCoruption"/);
    await expect(open(null)).rejects.toThrow(/"options"/);
    // Nothing was created by a refused open.
    await expect(stat(join(dir, "x.jsonl.lock"))).rejects.toThrow();
  });
});

describe("FileLedger crash safety (real SIGKILL)", () => {
  const writer = fileURLToPath(new URL("./fixtures/ledger-writer.ts", import.meta.url));
  const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

  const runAndKill = (path: string, start: number, killAfterAcks: number, mode = "") =>
    new Promise<{ acked: number[]; code: number | null; signal: NodeJS.Signals | null }>(
      (resolve, reject) => {
        const child: ChildProcess = spawn(
          process.execPath,
          ["--conditions=@ledgerline/source", "--import", "tsx", writer, path, String(start), mode],
          { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
        );
        const acked: number[] = [];
        let buffered = "";
        let stderr = "";
        child.stderr?.on("data", (d: Buffer) => {
          stderr += d.toString();
        });
        child.stdout?.on("data", (d: Buffer) => {
          buffered += d.toString();
          const lines = buffered.split("\n");
          buffered = lines.pop() ?? "";
          for (const line of lines) {
            if (line.startsWith("ack ")) acked.push(Number(line.slice(4)));
            if (line === "torn" && !child.killed) child.kill("SIGKILL");
          }
          if (mode !== "torn" && acked.length >= killAfterAcks && !child.killed) child.kill("SIGKILL");
        });
        child.on("error", reject);
        child.on("exit", (code, signal) => {
          if (signal !== "SIGKILL") reject(new Error(`writer exited with ${code}: ${stderr}`));
          else resolve({ acked, code, signal });
        });
      },
    );

  it("reopens consistently after being killed mid-write, again and again", async () => {
    const path = join(dir, "crash.jsonl");
    const latestAcked = new Map<string, number>();
    let start = 0;
    for (const killAfter of [37, 211, 503, 89, 777]) {
      const { acked } = await runAndKill(path, start, killAfter);
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);
      for (const i of acked) {
        const key = `k${i % 500}`;
        if ((latestAcked.get(key) ?? -1) < i) latestAcked.set(key, i);
      }
      start = Math.max(...acked) + 1000; // hashes never repeat across runs

      const ledger = await FileLedger.open(path, { lockStaleMs: 2000 });
      // Every acknowledged record is there (or a newer write of the same key that reached the disk).
      for (const [key, i] of latestAcked) {
        const got = await ledger.get(key);
        expect(got, key).toBeDefined();
        expect(Number(got!.hash.slice(1)), key).toBeGreaterThanOrEqual(i);
        expect(got!.version).toBe(`${got!.hash.slice(1)}-${"x".repeat(2000)}`);
        expect(got!.targetId).toBe(key.replace("k", "t"));
      }
      await ledger.close();
      // After recovery the file is clean: reopening finds nothing to truncate.
      const clean = await FileLedger.open(path);
      expect(clean.recovery.truncatedBytes).toBe(0);
      expect(clean.recovery.skippedRecords).toBe(0);
      await clean.close();
    }
  }, 120_000);

  /** Starts a child that opens the ledger and holds it; resolves once it has opened. */
  const holder = (path: string) =>
    new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--conditions=@ledgerline/source", "--import", "tsx", writer, path, "0", "hold"],
        { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] },
      );
      let stderr = "";
      child.stderr?.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      child.stdout?.on("data", (d: Buffer) => {
        if (d.toString().includes("opened")) resolve(child);
      });
      child.on("exit", (code) => reject(new Error(`holder exited with ${code}: ${stderr}`)));
    });
  const exited = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once("exit", () => resolve());
    });

  it("two live writers in two processes exclude each other; the lock passes on when the holder closes", async () => {
    const path = join(dir, "shared.jsonl");
    const child = await holder(path);
    try {
      const refused = await FileLedger.open(path, { lockStaleMs: 2000 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(LockHeldError);
      expect((refused as LockHeldError).holder).toMatchObject({ pid: child.pid, host: hostname() });
      expect((refused as Error).message).toContain(dir);
      expect((refused as Error).message).toContain(`process ${child.pid}`);
      // Refused while the holder stays alive, well past the stale window: its heartbeat keeps it.
      await new Promise((r) => setTimeout(r, 2500));
      await expect(FileLedger.open(path, { lockStaleMs: 2000 })).rejects.toBeInstanceOf(LockHeldError);
      child.stdin?.write("close\n");
      await exited(child);
      expect(child.exitCode).toBe(0);
      const ledger = await FileLedger.open(path, { lockStaleMs: 2000 });
      await ledger.close();
    } finally {
      child.kill("SIGKILL");
    }
  }, 30_000);

  it("opens a ledger whose holder was SIGKILLed, without manual clean-up, within the stale window", async () => {
    const path = join(dir, "killed.jsonl");
    const child = await holder(path);
    child.kill("SIGKILL");
    await exited(child);
    const lockStat = await stat(`${path}.lock`); // left behind by the kill
    expect(lockStat.isDirectory()).toBe(true);
    const started = Date.now();
    const ledger = await FileLedger.open(path, { lockStaleMs: 2000 });
    expect(Date.now() - started).toBeLessThan(2000 + 2 * 1000 + 1000);
    await ledger.record(entry("after-kill", "h"));
    await ledger.close();
  }, 30_000);

  it("drops the torn record a killed writer left behind and keeps every acknowledged one", async () => {
    const path = join(dir, "torn.jsonl");
    const { acked } = await runAndKill(path, 0, 0, "torn");
    expect(acked).toHaveLength(20);
    const sizeBefore = (await stat(path)).size;
    const ledger = await FileLedger.open(path, { lockStaleMs: 2000 });
    expect(ledger.recovery.records).toBe(20);
    expect(ledger.recovery.truncatedBytes).toBeGreaterThan(1000);
    expect((await stat(path)).size).toBe(sizeBefore - ledger.recovery.truncatedBytes);
    for (const i of acked) expect((await ledger.get(`k${i}`))?.hash).toBe(`h${i}`);
    await ledger.record(entry("after", "h"));
    await ledger.close();
    const again = await FileLedger.open(path);
    expect(again.recovery).toEqual({ records: 21, truncatedBytes: 0, skippedRecords: 0 });
    await again.close();
  }, 60_000);
});

describe("acquireLock", () => {
  it("tells the caller once that it is waiting, then takes over a lock left by a stopped holder", async () => {
    const lockPath = join(dir, "state.lock");
    await mkdir(lockPath); // left just now by a holder that stopped (nobody refreshes it)
    let waits = 0;
    const lock = await acquireLock(lockPath, { staleMs: 2000, onWait: () => waits++ });
    expect(waits).toBe(1);
    expect(JSON.parse(await readFile(`${lockPath}-holder.json`, "utf8"))).toMatchObject({ pid: process.pid });
    await lock.release();
    await expect(stat(lockPath)).rejects.toThrow(); // released: the directory is gone
    await expect(acquireLock(lockPath, { staleMs: 1999 })).rejects.toThrow(/"staleMs"/);
  }, 15_000);
});
