/**
 * Embeds `openapi/<vendor>.yaml` into the connector's `src/generated/<vendor>-spec.ts`, so its published
 * testing fake validates against the same document without reading the repository. One script for every
 * connector; run from the connector's folder (its `codegen` / `codegen:check` scripts):
 *
 *   node --conditions=@ledgerline/source --import tsx ../../scripts/embed-spec.ts <vendor> <exportName> "<title>" [--check]
 *
 * `--check` fails when the file is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadOpenApiDocument } from "@ledgerline/core/testing";

const [vendor, exportName, title] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (!vendor || !exportName || !title) {
  console.error('usage: embed-spec.ts <vendor> <exportName> "<title>" [--check]');
  process.exit(2);
}
const root = process.cwd();
const source = join(root, "..", "..", "openapi", `${vendor}.yaml`);
const relativeTarget = `src/generated/${vendor}-spec.ts`;
const target = join(root, relativeTarget);

const doc = loadOpenApiDocument(source);
const text = `/**
 * This file was generated from openapi/${vendor}.yaml by scripts/embed-spec.ts.
 * Do not make direct changes to the file.
 */

/** ${title} (openapi/${vendor}.yaml) as a parsed OpenAPI 3.1 document. */
export const ${exportName}: Record<string, unknown> = ${JSON.stringify(doc, null, 2)};
`;

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error(`✘  ${relativeTarget} is not up-to-date: run \`npm run codegen\``);
    process.exit(1);
  }
  console.log(`✔  ${relativeTarget} is up-to-date`);
} else {
  writeFileSync(target, text);
  console.log(`✔  ${relativeTarget} written`);
}
