// ES module consumer: import every entry point, compare with require(), and check that errors thrown by
// code loaded with import() are instances of the classes loaded with require().
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { crossChecks, sameExports } = require("./cross-checks.cjs");

const entries = JSON.parse(process.argv[2]);
for (const specifier of entries) sameExports(specifier, require(specifier), await import(specifier));
// Roles swapped: the throwing code comes from import(), the classes from require().
const count = await crossChecks({ required: (s) => import(s), imported: async (s) => require(s) });
console.log(`import: ${entries.length} entry points, ${count} instanceof checks ok on ${process.version}`);
