import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createNetSuiteFake, type NetSuiteFake } from "@ledgerline/connector-netsuite/testing";
import { FileLedger } from "@ledgerline/core";
import type { FakeServer } from "@ledgerline/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

/**
 * Crash-resume of NetSuite posting (connector-netsuite `postTime`, single and async batch mode): a child
 * process posts through a FileLedger to a NetSuite fake that lives here, in the test process, so it
 * outlives the child; the child is SIGKILLed at random moments (after a random number of acknowledged
 * records, or after a random delay — mid-request, mid-job, mid-ledger-write), then run again, and finally
 * run to the end. Nothing may be lost (every record in NetSuite and in the ledger) and nothing duplicated.
 * The kill points are drawn at random and printed, so a failure can be replayed.
 */
const child = fileURLToPath(new URL("./fixtures/post-time-child.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const COUNT = 150;

let dir: string;
let fake: NetSuiteFake;
let server: FakeServer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "crash-resume-"));
  // Transient faults too, timeouts after commit among them: the ambiguous case on top of the kills.
  fake = createNetSuiteFake({ faultRate: 0.1, timeoutAfterCommitMs: 30, concurrencyLimit: 10, seed: 11 });
  server = await fake.listen({ host: "127.0.0.1", port: 0 });
});
afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

type Kill = { afterAcks: number } | { afterMs: number } | undefined;

/** Runs the child; kills it with SIGKILL at `kill` (or lets it finish). Returns the keys it acknowledged. */
function runChild(mode: string, kill: Kill): Promise<{ acked: string[]; killed: boolean; done?: string }> {
  return new Promise((resolve, reject) => {
    const proc: ChildProcess = spawn(
      process.execPath,
      [
        "--conditions=@ledgerline/source",
        "--import",
        "tsx",
        child,
        server.url,
        join(dir, "ledger.jsonl"),
        mode,
        String(COUNT),
      ],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    const acked: string[] = [];
    let done: string | undefined;
    let buffered = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    proc.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    proc.stdout?.on("data", (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("ack ")) acked.push(line.slice(4));
        if (line.startsWith("done ")) done = line.slice(5);
        if (line.startsWith("opened") && kill && "afterMs" in kill) {
          timer = setTimeout(() => proc.kill("SIGKILL"), kill.afterMs);
        }
      }
      if (kill && "afterAcks" in kill && acked.length >= kill.afterAcks) proc.kill("SIGKILL");
    });
    proc.on("error", reject);
    proc.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal === "SIGKILL") resolve({ acked, killed: true });
      else if (code === 0) resolve({ acked, killed: false, ...(done ? { done } : {}) });
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}

describe.each(["single", "batch"] as const)("crash-resume of NetSuite posting (%s mode)", (mode) => {
  it("SIGKILLed at random moments and resumed: 0 duplicates, 0 lost", async () => {
    const kills: Kill[] = [
      { afterAcks: 1 + Math.floor(Math.random() * (COUNT / 3)) },
      { afterMs: 50 + Math.floor(Math.random() * 400) },
      { afterAcks: Math.floor(COUNT / 2) + Math.floor(Math.random() * (COUNT / 3)) },
    ];
    const everAcked = new Set<string>();
    let killedMidway = 0;
    for (const kill of kills) {
      const run = await runChild(mode, kill);
      if (run.killed && run.acked.length < COUNT) killedMidway++;
      for (const key of run.acked) everAcked.add(key);
      // Between runs, and whatever the moment of the kill: never an external id stored twice.
      expect(fake.duplicateExternalIds(), JSON.stringify(kill)).toEqual([]);
    }
    // The first kill point (a third of the way at most) always lands mid-posting; the others usually do.
    expect(killedMidway, JSON.stringify(kills)).toBeGreaterThanOrEqual(1);
    const last = await runChild(mode, undefined);
    expect(last.killed).toBe(false);
    expect(JSON.parse(last.done ?? "{}")).toMatchObject({ failed: 0, rejected: 0 });
    for (const key of last.acked) everAcked.add(key);

    const bills = fake.records("timeBill");
    expect(fake.duplicateExternalIds()).toEqual([]);
    expect(bills).toHaveLength(COUNT);
    const billByKey = new Map(bills.map((b) => [b.externalId, b]));
    const ledger = await FileLedger.open(join(dir, "ledger.jsonl"), { lockStaleMs: 2000 });
    try {
      expect(ledger.size).toBe(COUNT);
      for (let i = 0; i < COUNT; i++) {
        const key = `kantata-time_entries-${i}`;
        const recorded = await ledger.get(key);
        expect(recorded, key).toBeDefined();
        // The ledger points at the one NetSuite record holding this external id, with this entry's hours.
        expect(billByKey.get(key)?.id, key).toBe(recorded?.targetId);
        expect(everAcked.has(key), key).toBe(true);
      }
    } finally {
      await ledger.close();
    }
    fake.assertNoViolations();
  }, 120_000);
});
