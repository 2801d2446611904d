import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FileLedger, LockHeldError } from "@ledgerline/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runQuoteToCash } from "../src/flow.js";
import type { SeedSize } from "../src/seed.js";
import { type StatePaths, statePaths } from "../src/state.js";
import type { DemoSummary } from "../src/summary.js";

const SIZE: SeedSize = { clients: 2, projects: 4, consultants: 10, timeEntries: 600, expenses: 60 };
const SEED = 4242;

type Snapshot = {
  records: Record<string, Array<Record<string, unknown> & { id: string; externalId?: string }>>;
};

/**
 * What NetSuite holds, independent of internal ids (which depend on write order): every record by type and
 * external id, its references rewritten to the referenced record's external id, volatile fields dropped.
 */
async function postedState(paths: StatePaths): Promise<Record<string, string>> {
  const snapshot = JSON.parse(await readFile(paths.netsuite, "utf8")) as Snapshot;
  const externalIdOf = new Map<string, string>();
  for (const [type, records] of Object.entries(snapshot.records)) {
    for (const r of records) externalIdOf.set(r.id, r.externalId ?? `${type}:${r.id}`);
  }
  const normalise = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(normalise);
    if (value && typeof value === "object") {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 1 && entries[0]?.[0] === "id")
        return { ref: externalIdOf.get(String(entries[0][1])) };
      return Object.fromEntries(
        entries.filter(([k]) => k !== "id" && k !== "lastModifiedDate").map(([k, v]) => [k, normalise(v)]),
      );
    }
    return value;
  };
  const out: Record<string, string> = {};
  for (const type of ["customer", "job", "timeBill", "expenseReport"]) {
    for (const r of snapshot.records[type] ?? []) {
      out[`${type}/${r.externalId}`] = JSON.stringify(normalise(r));
    }
  }
  return out;
}

function rejectedNamed(summary: DemoSummary): number {
  return summary.exceptions.filter((e) => e.rejected).reduce((n, e) => n + e.records, 0);
}

describe("quote-to-cash flow (in process, fakes on 127.0.0.1)", () => {
  let dir: string;
  let paths: StatePaths;
  let first: DemoSummary;
  let firstState: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "quote-to-cash-"));
    paths = statePaths(dir);
    first = await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0, reset: false, paths });
    firstState = await postedState(paths);
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("a clean first run writes every postable record and rejects only the planted cases", () => {
    expect(first.resumed).toBe(false);
    // Clients and projects come from the SOWs (the start of the chain), not from the PSA's copy of them.
    expect(first.input).toBe(SIZE.timeEntries + SIZE.expenses);
    const b = first.buckets;
    expect(b.written + b.unchanged + b.rejected + b.failed).toBe(first.input);
    expect(b.failed).toBe(0);
    expect(b.unchanged).toBe(0);
    expect(b.written).toBeGreaterThan(0);
    expect(first.targetDuplicates).toBe(0);
    const codes = new Set(first.exceptions.filter((e) => e.rejected).map((e) => e.code));
    expect(codes).toEqual(
      new Set(["APPROVAL_REQUIRED", "PROJECT_STATUS_NOT_POSTABLE", "UNMAPPED_COST_CENTER"]),
    );
    expect(rejectedNamed(first)).toBe(b.rejected);
    expect(first.exceptions.some((e) => e.code === "EDITED_AFTER_APPROVAL" && !e.rejected)).toBe(true);
  });

  it("posts only expenses of approved expense report submissions; pending and rejected stay unposted", () => {
    const es = first.expenseSubmissions;
    expect(es?.approved.expenses).toBeGreaterThan(0);
    const posted = first.phases.find((p) => p.name === "expenses")?.buckets.written ?? 0;
    // every posted expense is in an approved submission (some approved ones are held back: closed, unmapped)
    expect(posted).toBeGreaterThan(0);
    expect(posted).toBeLessThanOrEqual(es?.approved.expenses ?? 0);
    const notApproved = first.exceptions
      .filter((e) => e.code === "APPROVAL_REQUIRED" && e.kind === "expenses")
      .reduce((n, e) => n + e.records, 0);
    expect(notApproved).toBe((es?.pending.expenses ?? 0) + (es?.rejected.expenses ?? 0));
  });

  it("reconciles: every approved entry missing in NetSuite is explained, nothing extra, nothing different", () => {
    const r = first.reconciliation;
    expect(r.missingInSource).toBe(0);
    expect(r.mismatched).toBe(0);
    expect(r.matched).toBeGreaterThan(0);
    expect(first.projects.reduce((n, p) => n + p.explained, 0)).toBe(r.missingInTarget);
    const written = (name: string) => first.phases.find((p) => p.name === name)?.buckets.written;
    expect(first.reconciliationByKind.time.matched).toBe(written("time entries"));
    expect(first.reconciliationByKind.expenses.matched).toBe(written("expenses"));
    expect(first.projects.some((p) => p.kind === "expenses" && p.targetAmounts.length > 0)).toBe(true);
    for (const p of first.projects) {
      if (p.missingInTarget === 0) {
        expect(p.targetMinutes).toBe(p.sourceMinutes);
        expect(p.targetAmounts).toEqual(p.sourceAmounts);
      }
    }
  });

  it("a second run writes nothing: everything is unchanged", async () => {
    const second = await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0, reset: false, paths });
    expect(second.resumed).toBe(true);
    expect(second.buckets).toEqual({
      written: 0,
      unchanged: first.buckets.written,
      rejected: first.buckets.rejected,
      failed: 0,
    });
    expect(second.reconciliation).toEqual(first.reconciliation);
    expect(await postedState(paths)).toEqual(firstState);
  }, 120_000);

  it("--reset with 20 % faults ends in the same posted state: nothing failed, nothing duplicated", async () => {
    const faulty = await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0.2, reset: true, paths });
    expect(faulty.resumed).toBe(false);
    expect(faulty.buckets).toEqual(first.buckets);
    expect(faulty.targetDuplicates).toBe(0);
    expect(faulty.failures).toEqual([]);
    expect(faulty.reconciliation).toEqual(first.reconciliation);
    const netsuite = faulty.traffic.find((t) => t.system === "NetSuite");
    expect(netsuite?.faults).toBeGreaterThan(0);
    expect(await postedState(paths)).toEqual(firstState);
  }, 120_000);

  it("resumes after a run that was stopped before it finished (manifest still in progress)", async () => {
    const manifest = JSON.parse(await readFile(paths.manifest, "utf8")) as Record<string, unknown>;
    expect(manifest.inProgress).toBe(false);
    await writeFile(paths.manifest, JSON.stringify({ ...manifest, inProgress: true }));
    const again = await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0, reset: false, paths });
    expect(again.resumed).toBe(true);
    expect(again.stateNotes?.join("\n")).toMatch(/stopped before it finished: resuming/);
    expect(again.buckets.written).toBe(0);
    expect(again.buckets.unchanged).toBe(first.buckets.written);
    expect(again.targetDuplicates).toBe(0);
    expect(await postedState(paths)).toEqual(firstState);
  }, 120_000);

  it("an empty or corrupt state file is reported and recovered from, not a failure of every run", async () => {
    await writeFile(paths.manifest, "");
    await writeFile(join(paths.dir, "kantata-fake.json.999.tmp"), "{half");
    const afterEmpty = await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0, reset: false, paths });
    expect(afterEmpty.stateNotes?.join("\n")).toMatch(
      /demo\.json: empty: the state cannot be trusted, starting over/,
    );
    expect(afterEmpty.stateNotes?.join("\n")).toMatch(/removed 1 temporary file/);
    expect(afterEmpty.resumed).toBe(false);
    expect(afterEmpty.buckets).toEqual(first.buckets);
    expect(await postedState(paths)).toEqual(firstState);
    expect((await readdir(paths.dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    await writeFile(paths.netsuite, "{ not json");
    const afterCorrupt = await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0, reset: false, paths });
    expect(afterCorrupt.stateNotes?.join("\n")).toMatch(/netsuite-fake\.json: not valid JSON: starting over/);
    expect(afterCorrupt.buckets).toEqual(first.buckets);
    expect(afterCorrupt.targetDuplicates).toBe(0);
    expect(await postedState(paths)).toEqual(firstState);
  }, 120_000);

  it("refuses a second run while one holds the state folder, changing nothing", async () => {
    const running = runQuoteToCash({ seed: SEED, size: SIZE, faults: 0, reset: false, paths });
    // Wait until the running run holds the lock and has said who it is (on a loaded machine that is not 50 ms).
    for (let i = 0; i < 500 && !existsSync(`${paths.lock}-holder.json`); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const before = await readFile(paths.manifest, "utf8");
    const refused = await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0, reset: true, paths }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(LockHeldError);
    expect((refused as LockHeldError).folder).toBe(paths.dir);
    expect((refused as LockHeldError).holder?.pid).toBe(process.pid);
    expect(await readFile(paths.manifest, "utf8")).toBe(before); // --reset did not run
    const finished = await running;
    expect(finished.buckets.written).toBe(0);
    expect(await postedState(paths)).toEqual(firstState);
  }, 120_000);

  it("--approve approves pending timesheets and expense reports; that run posts them, the next run writes nothing", async () => {
    const timeOf = (s: DemoSummary) => s.phases.find((p) => p.name === "time entries")!.buckets;
    const awaiting = (s: DemoSummary) =>
      s.exceptions
        .filter((e) => e.code === "APPROVAL_REQUIRED" && e.kind === "time entries")
        .reduce((n, e) => n + e.records, 0);
    const edited = (s: DemoSummary) => s.exceptions.find((e) => e.code === "EDITED_AFTER_APPROVAL")?.records;

    const approved = await runQuoteToCash({
      seed: SEED,
      size: SIZE,
      faults: 0,
      reset: false,
      approve: true,
      paths,
    });
    const newly = approved.approvedInKantata?.timeEntries ?? 0;
    expect(newly).toBeGreaterThan(0);
    expect(awaiting(approved)).toBe(awaiting(first) - newly);
    expect(timeOf(approved).unchanged).toBe(timeOf(first).written);
    expect(timeOf(approved).written).toBeGreaterThan(0);
    expect(timeOf(approved).written).toBeLessThanOrEqual(newly);
    expect(timeOf(approved).rejected).toBe(timeOf(first).rejected - timeOf(approved).written);
    expect(approved.buckets.failed).toBe(0);
    expect(approved.targetDuplicates).toBe(0);
    expect(rejectedNamed(approved)).toBe(approved.buckets.rejected);
    expect(edited(approved)).toBe(edited(first));
    // Expense approval lives on expense report submissions: --approve resolves the pending ones too.
    const expensesOf = (s: DemoSummary) => s.phases.find((p) => p.name === "expenses")!.buckets;
    expect(first.expenseSubmissions?.pending.submissions).toBeGreaterThan(0);
    expect(approved.approvedInKantata?.expenseReports).toBe(first.expenseSubmissions?.pending.submissions);
    expect(approved.expenseSubmissions?.pending.submissions).toBe(0);
    expect(expensesOf(approved).unchanged).toBe(expensesOf(first).written);
    expect(expensesOf(approved).written).toBeGreaterThan(0);

    const after = await runQuoteToCash({ seed: SEED, size: SIZE, faults: 0, reset: false, paths });
    expect(after.buckets.written).toBe(0);
    expect(after.buckets.unchanged).toBe(approved.buckets.written + approved.buckets.unchanged);
  }, 120_000);

  it("refuses state made from another seed unless --reset", async () => {
    await expect(
      runQuoteToCash({ seed: SEED + 1, size: SIZE, faults: 0, reset: false, paths }),
    ).rejects.toThrow(/--seed: .* made with seed 4242; add --reset/);
  });
});

describe("quote-to-cash flow killed with SIGKILL mid-run", () => {
  const childScript = fileURLToPath(new URL("./fixtures/run-flow-child.ts", import.meta.url));
  const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
  let dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  /**
   * Runs the flow in a child; once it posts, runs `whileRunning(child pid)` (a second run, here in the test
   * process), and SIGKILLs the child once that is over and `killAt` time entries are done.
   */
  const runAndKill = (cwd: string, killAt: number, whileRunning: (pid: number) => Promise<void>) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          "--conditions=@ledgerline/source",
          "--import",
          "tsx",
          childScript,
          cwd,
          String(SEED),
          JSON.stringify(SIZE),
        ],
        { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stderr = "";
      let doneAtKill = 0;
      let latest = 0;
      let concurrentStarted = false;
      let concurrentOver = false;
      const maybeKill = () => {
        if (concurrentOver && latest >= killAt && doneAtKill === 0) {
          doneAtKill = latest;
          child.kill("SIGKILL");
        }
      };
      child.stderr?.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      child.stdout?.on("data", (d: Buffer) => {
        for (const line of d.toString().split("\n")) {
          const m = /^progress (.+) (\d+)$/.exec(line);
          if (!m) continue;
          if (!concurrentStarted) {
            concurrentStarted = true;
            void whileRunning(child.pid ?? 0).then(
              () => {
                concurrentOver = true;
                maybeKill();
              },
              (error: unknown) => {
                child.kill("SIGKILL");
                reject(error);
              },
            );
          }
          if (m[1] === "time entries") latest = Number(m[2]);
          maybeKill();
        }
      });
      child.on("exit", (_code, signal) =>
        signal === "SIGKILL" ? resolve(doneAtKill) : reject(new Error(`not killed: ${stderr}`)),
      );
    });

  it("a concurrent run is refused; the next run after the kill says resumed, writes only the rest, ends in the clean run's state", async () => {
    const clean = await mkdtemp(join(tmpdir(), "quote-to-cash-clean-"));
    const killed = await mkdtemp(join(tmpdir(), "quote-to-cash-killed-"));
    dirs = [clean, killed];
    const reference = await runQuoteToCash({
      seed: SEED,
      size: SIZE,
      faults: 0,
      reset: false,
      paths: statePaths(clean),
    });
    const cleanState = await postedState(statePaths(clean));

    let refused: unknown;
    const manifest = join(statePaths(killed).dir, "demo.json");
    const doneAtKill = await runAndKill(killed, 150 + Math.floor(Math.random() * 300), async (pid) => {
      // A second run on the same folder, from another process, while the child posts: refused, no change.
      const before = await readFile(manifest, "utf8");
      refused = await runQuoteToCash({
        seed: SEED,
        size: SIZE,
        faults: 0,
        reset: true,
        paths: statePaths(killed),
        lockStaleMs: 2000,
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(LockHeldError);
      expect((refused as LockHeldError).holder?.pid).toBe(pid);
      expect((refused as Error).message).toContain(statePaths(killed).dir);
      expect(await readFile(manifest, "utf8")).toBe(before);
    });
    expect(refused).toBeInstanceOf(LockHeldError);
    expect(doneAtKill).toBeGreaterThan(0);
    const ledger = await FileLedger.open(join(statePaths(killed).ledger, "netsuite.journal"), {
      lockStaleMs: 2000,
    });
    const recorded = ledger.size;
    await ledger.close();
    expect(recorded).toBeGreaterThan(SIZE.clients + SIZE.projects); // killed mid-way through the time entries
    expect(recorded).toBeLessThan(reference.buckets.written);

    const resumed = await runQuoteToCash({
      seed: SEED,
      size: SIZE,
      faults: 0,
      reset: false,
      paths: statePaths(killed),
      lockStaleMs: 2000,
    });
    expect(resumed.resumed).toBe(true);
    expect(resumed.stateNotes?.join("\n")).toMatch(/stopped before it finished: resuming/);
    expect(resumed.buckets).toEqual({
      written: reference.buckets.written - recorded,
      unchanged: recorded,
      rejected: reference.buckets.rejected,
      failed: 0,
    });
    expect(resumed.targetDuplicates).toBe(0);
    expect(resumed.reconciliation).toEqual(reference.reconciliation);
    expect(await postedState(statePaths(killed))).toEqual(cleanState);
  }, 120_000);
});
