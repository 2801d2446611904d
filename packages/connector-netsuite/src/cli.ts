#!/usr/bin/env node
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { generateCustomFieldTypes } from "./custom-fields.js";

const USAGE = `Usage: ledgerline-netsuite codegen --metadata <catalog.json> --out <types.ts> [--select customer,timeBill]

Generates TypeScript types for your account's records and custom fields (custbody_*, custcol_*,
custentity_* …) from a NetSuite metadata-catalog document:
  GET https://<account>.suitetalk.api.netsuite.com/services/rest/record/v1/metadata-catalog?select=customer,timeBill
  Accept: application/swagger+json`;

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "codegen") {
    process.stderr.write(`${USAGE}\n`);
    return command === "--help" || command === "-h" ? 0 : 2;
  }
  const { values } = parseArgs({
    args: [...rest],
    options: { metadata: { type: "string" }, out: { type: "string" }, select: { type: "string" } },
    strict: true,
  });
  if (!values.metadata || !values.out) {
    process.stderr.write(`codegen: --metadata and --out are required\n${USAGE}\n`);
    return 2;
  }
  const metadata = await readFile(values.metadata, "utf8");
  const select = values.select
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const result = await generateCustomFieldTypes({ metadata, ...(select ? { select } : {}) });
  await writeFile(values.out, result.source);
  const count = Object.values(result.customFields).reduce((n, f) => n + f.length, 0);
  process.stdout.write(
    `codegen: wrote ${values.out} (${Object.keys(result.customFields).length} record types with ${count} custom fields)\n`,
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
