#!/usr/bin/env node
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { generateDescribeTypes } from "./describe-codegen.js";

const USAGE = `Usage: ledgerline-salesforce codegen --describe <describe.json> --out <types.ts>

Generates TypeScript types for your org's objects and custom (__c) fields from describe output
(one result, or a JSON array of results):
  GET https://<MyDomain>.my.salesforce.com/services/data/v66.0/sobjects/<Object>/describe`;

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "codegen") {
    process.stderr.write(`${USAGE}\n`);
    return command === "--help" || command === "-h" ? 0 : 2;
  }
  const { values } = parseArgs({
    args: [...rest],
    options: { describe: { type: "string" }, out: { type: "string" } },
    strict: true,
  });
  if (!values.describe || !values.out) {
    process.stderr.write(`codegen: --describe and --out are required\n${USAGE}\n`);
    return 2;
  }
  const result = generateDescribeTypes(JSON.parse(await readFile(values.describe, "utf8")));
  await writeFile(values.out, result.source);
  const count = Object.values(result.customFields).reduce((n, f) => n + f.length, 0);
  process.stdout.write(
    `codegen: wrote ${values.out} (${Object.keys(result.customFields).length} objects with ${count} custom fields)\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`codegen: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
