import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineProject } from "vitest/config";

/**
 * Per-package vitest project. Workspace packages resolve to their TypeScript sources through the
 * "@ledgerline/source" export condition, so tests never run against a stale build.
 */
export function ledgerlineProject(name: string) {
  return defineProject({
    resolve: { conditions: ["@ledgerline/source", ...defaultClientConditions] },
    ssr: { resolve: { conditions: ["@ledgerline/source", ...defaultServerConditions] } },
    test: { name, environment: "node", testTimeout: 30_000, hookTimeout: 30_000 },
  });
}
