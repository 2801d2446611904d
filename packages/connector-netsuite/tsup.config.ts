import { cpSync, mkdirSync } from "node:fs";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts", cli: "src/cli.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  shims: true,
  target: "node20",
  platform: "node",
  external: ["@ledgerline/core", "@ledgerline/canonical", "openapi-typescript"],
  // The testing fake validates against the OpenAPI document: ship it with the build.
  onSuccess: async () => {
    mkdirSync("dist/openapi", { recursive: true });
    cpSync("../../openapi/netsuite.yaml", "dist/openapi/netsuite.yaml");
  },
});
