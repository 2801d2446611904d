#!/usr/bin/env node
// Runs benchmarks on demand: `npm run bench` runs all of them, `npm run bench -- http-overhead` one.
// Each benchmark is bench/<name>/run.ts, or a file listed in EXTRA (several fuzz runs share bench/fuzz/);
// it writes its results as JSON to bench/results/<name>.json.
// Workspace packages resolve to their sources (the "@ledgerline/source" condition), loaded by tsx.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
/** Benchmarks that are not bench/<name>/run.ts: name → file under bench/. */
const EXTRA = { "fuzz-psa": "fuzz/psa-mappers.ts", "fuzz-netsuite": "fuzz/netsuite-mappers.ts" };
const scripts = Object.fromEntries(
  readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(here, d.name, "run.ts")))
    .map((d) => [d.name, join(d.name, "run.ts")]),
);
for (const [name, file] of Object.entries(EXTRA)) if (existsSync(join(here, file))) scripts[name] = file;
const all = Object.keys(scripts);
const names = wanted.length > 0 ? wanted : all;
mkdirSync(join(here, "results"), { recursive: true });

let failed = 0;
for (const name of names) {
  if (!all.includes(name)) {
    console.error(`unknown benchmark "${name}"; available: ${all.join(", ")}`);
    failed++;
    continue;
  }
  console.log(`\n## ${name}`);
  const r = spawnSync(
    process.execPath,
    ["--conditions=@ledgerline/source", "--import", "tsx", "--expose-gc", join(here, scripts[name])],
    { stdio: "inherit", env: { ...process.env, BENCH_RESULTS: join(here, "results", `${name}.json`) } },
  );
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
