import { cpSync, mkdirSync } from "node:fs";
import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base.js";

export default defineConfig(
  packageBuild({
    entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts", cli: "src/cli.ts" },
    external: ["@ledgerline/core", "@ledgerline/canonical", "openapi-typescript"],
    // The testing fake validates against the OpenAPI document: ship it with the build.
    onSuccess: async () => {
      mkdirSync("dist/openapi", { recursive: true });
      cpSync("../../openapi/netsuite.yaml", "dist/openapi/netsuite.yaml");
    },
  }),
);
