// Fuzz of every PSA (Kantata) mapper with hostile records: 100k inputs per mapper (FUZZ_RUNS to change).
// Run: npm run bench -- fuzz-psa. Writes counts to $BENCH_RESULTS (bench/results/fuzz-psa.json).
// The target is 0 untyped throws and 0 leaks: every input maps or is a typed rejection (core's
// ValidationError / canonical's CanonicalValidationError) whose message and issues echo no input value.
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import {
  classify,
  FUZZ_TARGETS,
  type FuzzOutcome,
} from "../../packages/connector-psa/test/hostile-records.js";

// Benchmarks are not turbo tasks; read the runner's variables through one object.
const env: Record<string, string | undefined> = { ...process.env };
const RUNS = Number(env.FUZZ_RUNS ?? 100_000);
const SEED = Number(env.FUZZ_SEED ?? 20261130);

const results: Record<string, Record<FuzzOutcome, number> & { inputs: number; ms: number }> = {};
const examples: Record<string, unknown[]> = {};
let bad = 0;
for (const target of FUZZ_TARGETS) {
  const counts: Record<FuzzOutcome, number> = {
    mapped: 0,
    "typed-rejection": 0,
    "untyped-throw": 0,
    leak: 0,
  };
  const started = performance.now();
  for (const args of fc.sample(target.input, { numRuns: RUNS, seed: SEED })) {
    const outcome = classify(target, args);
    counts[outcome]++;
    if ((outcome === "untyped-throw" || outcome === "leak") && (examples[target.name]?.length ?? 0) < 3) {
      const list = examples[target.name] ?? [];
      list.push(args);
      examples[target.name] = list;
    }
  }
  const ms = Math.round(performance.now() - started);
  results[target.name] = { inputs: RUNS, ...counts, ms };
  bad += counts["untyped-throw"] + counts.leak;
  console.log(
    `${target.name.padEnd(18)} ${RUNS} inputs: ${counts.mapped} mapped, ${counts["typed-rejection"]} typed rejections, ` +
      `${counts["untyped-throw"]} untyped throws, ${counts.leak} leaks (${ms} ms)`,
  );
}

const out = {
  benchmark: "fuzz-psa",
  node: process.version,
  seed: SEED,
  inputsPerMapper: RUNS,
  untypedThrows: Object.values(results).reduce((n, r) => n + r["untyped-throw"], 0),
  leaks: Object.values(results).reduce((n, r) => n + r.leak, 0),
  results,
  ...(bad > 0 ? { examples } : {}),
};
if (env.BENCH_RESULTS) writeFileSync(env.BENCH_RESULTS, `${JSON.stringify(out, null, 2)}\n`);
process.exit(bad > 0 ? 1 : 0);
