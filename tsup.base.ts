import type { Options } from "tsup";

/**
 * The build every published package shares: ES modules only, with `.d.ts` and source maps, for Node 20.19+.
 * CommonJS consumers load these files with `require()` (Node's require(esm), on by default since 20.19 and
 * 22.12), so there is one copy of each module and each class however a package is loaded — no dual-package
 * hazard, and no CJS interop wrapper around ESM-only dependencies (p-limit, p-retry). Entries of one package
 * share code through chunks (esbuild splitting), so a class used by `.` and `./testing` exists once.
 * A package passes only what differs (its entries, extra externals, post-build steps).
 */
export function packageBuild(overrides: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm"],
    dts: true,
    sourcemap: true,
    splitting: true,
    clean: true,
    target: "node20",
    platform: "node",
    ...overrides,
  };
}
