import type { Options } from "tsup";

/**
 * The build every published package shares: ESM + CJS + `.d.ts`/`.d.cts` with source maps, for Node 20+.
 * A package passes only what differs (its entries, extra externals, post-build steps).
 */
export function packageBuild(overrides: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    platform: "node",
    ...overrides,
  };
}
