// Fuzzes every record-level path of @ledgerline/connector-netsuite (the five mappers, the SuiteQL row
// reader, postOne — what every bulk operation runs per record — and the readers of NetSuite responses:
// async task results and SuiteQL pages) with 100k hostile inputs each: junk of
// any shape, and valid records with fields replaced, deleted or planted with throwing proxies.
// Every input must end mapped (with only property names openapi/netsuite.yaml knows) or in a typed
// ValidationError naming fields — never a plain TypeError, never a message echoing a value.
// Run: npm run bench -- fuzz-netsuite. Writes JSON to $BENCH_RESULTS (bench/results/fuzz-netsuite.json).
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { classify, hostile, TARGETS } from "../../packages/connector-netsuite/test/fuzz/targets.js";

const env: Record<string, string | undefined> = { ...process.env };
const PER_TARGET = Number(env.FUZZ_INPUTS ?? 100_000);
const CHUNK = 2_000;
const SEED = Number(env.FUZZ_SEED ?? 20261130);

const results: Array<Record<string, unknown>> = [];
let nonTyped = 0;
const started = Date.now();
for (const [t, target] of TARGETS.entries()) {
  const counts = { ok: 0, typed: 0, untyped: 0, leak: 0, "unknown-property": 0 };
  const samples: unknown[] = [];
  const arbitrary = hostile(target.base, target.input === "response");
  const t0 = Date.now();
  for (let done = 0; done < PER_TARGET; done += CHUNK) {
    const inputs = fc.sample(arbitrary, {
      numRuns: Math.min(CHUNK, PER_TARGET - done),
      seed: SEED + t * 1_000 + done,
    });
    for (const input of inputs) {
      const outcome = await classify(target, input);
      counts[outcome.kind]++;
      if (outcome.kind !== "ok" && outcome.kind !== "typed" && samples.length < 5) samples.push(outcome);
    }
  }
  const bad = counts.untyped + counts.leak + counts["unknown-property"];
  nonTyped += bad;
  const line = {
    target: target.name,
    inputs: PER_TARGET,
    ...counts,
    nonTyped: bad,
    seconds: (Date.now() - t0) / 1000,
    samples,
  };
  results.push(line);
  console.log(
    `${target.name.padEnd(28)} ok ${String(counts.ok).padStart(6)}  typed ${String(counts.typed).padStart(6)}  non-typed ${bad}`,
  );
}
const summary = {
  benchmark: "fuzz-netsuite",
  date: new Date().toISOString(),
  node: process.version,
  seed: SEED,
  inputsPerTarget: PER_TARGET,
  targets: results.length,
  nonTypedThrows: nonTyped,
  seconds: (Date.now() - started) / 1000,
  results,
};
if (env.BENCH_RESULTS) writeFileSync(env.BENCH_RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`non-typed throws: ${nonTyped} in ${PER_TARGET * results.length} inputs`);
process.exit(nonTyped === 0 ? 0 : 1);
