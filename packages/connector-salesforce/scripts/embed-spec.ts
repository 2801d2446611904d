/**
 * Embeds openapi/salesforce.yaml into src/generated/salesforce-spec.ts, so the published testing fake validates
 * against the same document without reading the repository. `--check` fails when the file is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadOpenApiDocument } from "@ledgerline/core/testing";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "..", "..", "openapi", "salesforce.yaml");
const target = join(root, "src", "generated", "salesforce-spec.ts");

const doc = loadOpenApiDocument(source);
const text = `/**
 * This file was generated from openapi/salesforce.yaml by scripts/embed-spec.ts.
 * Do not make direct changes to the file.
 */

/** The Salesforce Platform REST subset (openapi/salesforce.yaml) as a parsed OpenAPI 3.1 document. */
export const salesforceOpenApi: Record<string, unknown> = ${JSON.stringify(doc, null, 2)};
`;

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error("✘  src/generated/salesforce-spec.ts is not up-to-date: run `npm run codegen`");
    process.exit(1);
  }
  console.log("✔  src/generated/salesforce-spec.ts is up-to-date");
} else {
  writeFileSync(target, text);
  console.log("✔  src/generated/salesforce-spec.ts written");
}
