// CommonJS consumer: require() every entry point (Node's require(esm)), compare with import(), and check
// that errors thrown by code loaded with require() are instances of the classes loaded with import().
"use strict";
const { crossChecks, sameExports } = require("./cross-checks.cjs");

const entries = JSON.parse(process.argv[2]);
(async () => {
  for (const specifier of entries) sameExports(specifier, require(specifier), await import(specifier));
  const count = await crossChecks({ required: require, imported: (s) => import(s) });
  console.log(`require: ${entries.length} entry points, ${count} instanceof checks ok on ${process.version}`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
