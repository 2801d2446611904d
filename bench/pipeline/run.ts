// PSA → NetSuite streaming at volume (issue 16): approved Kantata time entries read page by page from the
// Kantata fake and posted to the NetSuite fake (account limit 5) through the public APIs, at 50k and 200k
// records (PIPELINE_SIZES=50000,200000,1000000 adds 1M). Each size runs in a fresh process on default Node
// settings (peak RSS and the largest live heap after GC are the pipeline's own: the fakes run in another
// process). The floor, measured in the same run against the same fake, reads the same pages with plain
// fetch and posts nothing. Targets: 200k per-record time ≤ 1.2 × 50k's; 1M with peak RSS < 256 MB.
// A benchmark, not a test.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const SIZES = (process.env.PIPELINE_SIZES ?? "50000,200000").split(",").map(Number);
const node = [process.execPath, "--conditions=@ledgerline/source", "--import", "tsx"];

function child(file: string, env: Record<string, string>, args: string[] = []) {
  const [bin, ...rest] = node as [string, ...string[]];
  return spawn(bin, [...rest, ...args, join(here, file)], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
}

async function firstLine(proc: ReturnType<typeof child>): Promise<string> {
  const lines = createInterface({ input: proc.stdout! });
  for await (const line of lines) if (line.trim().startsWith("{")) return line;
  throw new Error("child ended without a result");
}

const loadBefore = loadavg();
const results: Record<string, unknown>[] = [];
for (const size of SIZES) {
  const fakes = child("fakes.ts", { SIZE: String(size) }, ["--max-old-space-size=8192"]);
  const urls = JSON.parse(await firstLine(fakes)) as { kantata: string; netsuite: string };
  const env = { KANTATA: urls.kantata, NETSUITE: urls.netsuite };
  // PIPELINE_SKIP_FLOOR=1 (a long 1M run): no floor, so no ratio for this size.
  const floor = process.env.PIPELINE_SKIP_FLOOR
    ? undefined
    : JSON.parse(await firstLine(child("worker.ts", { ...env, WHAT: "floor" }, ["--expose-gc"])));
  const pipeline = JSON.parse(
    await firstLine(child("worker.ts", { ...env, WHAT: "pipeline" }, ["--expose-gc"])),
  );
  fakes.stdin?.end();
  fakes.kill();
  const row = {
    size,
    floor,
    pipeline,
    ratioToFloor: floor ? Number((pipeline.usPerRecord / floor.usPerRecord).toFixed(3)) : undefined,
    loadAverage: loadavg(),
  };
  console.log(JSON.stringify(row));
  results.push(row);
}
const per = (size: number) =>
  (results.find((r) => r.size === size) as { pipeline?: { usPerRecord: number } } | undefined)?.pipeline
    ?.usPerRecord;
const ratio200 = per(200_000) && per(50_000) ? Number((per(200_000)! / per(50_000)!).toFixed(3)) : undefined;
const million = results.find((r) => r.size === 1_000_000) as { pipeline: { peakRssMb: number } } | undefined;
const out = {
  benchmark: "pipeline",
  description:
    "Kantata fake → PSA approvedTimeEntries() → NetSuite postTime() (auto mode, account limit 5), fakes in a separate process over loopback; floor = the same pages read with plain fetch, same run",
  node: process.version,
  loadAverage: { before: loadBefore, after: loadavg() },
  results,
  targets: {
    flatPerRecordTime: {
      target: "200k per-record time ≤ 1.2 × 50k",
      ratio: ratio200,
      met: ratio200 === undefined ? "not run (PIPELINE_SIZES needs 50000 and 200000)" : ratio200 <= 1.2,
    },
    millionPeakRss: {
      target: "1M peak RSS < 256 MB",
      peakRssMb: million?.pipeline.peakRssMb,
      met: million ? million.pipeline.peakRssMb < 256 : "not run (PIPELINE_SIZES without 1000000)",
    },
  },
};
console.log(JSON.stringify(out.targets, null, 2));
if (process.env.BENCH_RESULTS) writeFileSync(process.env.BENCH_RESULTS, `${JSON.stringify(out, null, 2)}\n`);
process.exit(0);
