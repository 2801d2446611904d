// Writes the JSON Schema of every canonical type to packages/canonical/schemas/<Type>.json (shipped with the
// package). Run: npm run schemas -w @ledgerline/canonical. A test fails when the committed files drift.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { canonicalJsonSchemas, SCHEMA_VERSION } from "../src/index.js";

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "schemas");
mkdirSync(out, { recursive: true });
for (const file of readdirSync(out)) if (file.endsWith(".json")) rmSync(join(out, file));
const schemas = canonicalJsonSchemas();
for (const [name, schema] of Object.entries(schemas)) {
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify(schema, null, 2)}\n`);
}
writeFileSync(
  join(out, "index.json"),
  `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, types: Object.keys(schemas) }, null, 2)}\n`,
);
console.log(`wrote ${Object.keys(schemas).length} schemas (version ${SCHEMA_VERSION}) to ${out}`);
