import { defineConfig } from "vitest/config";

// One command (`npm test`) runs every package's tests; each package has its own vitest project config.
export default defineConfig({
  test: {
    projects: [
      "packages/*",
      "examples/*",
      { test: { name: "workspace", include: ["test/**/*.test.ts"], environment: "node" } },
    ],
  },
});
