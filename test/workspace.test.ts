import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Conventions every published @ledgerline/* package must keep (see CONTRIBUTING.md). A package that drifts
// from them would publish broken entry points or types, which publint/attw would only catch after a build.
const root = join(import.meta.dirname, "..");
const packages = readdirSync(join(root, "packages")).map((dir) => {
  const path = join(root, "packages", dir);
  return { dir, path, pkg: JSON.parse(readFileSync(join(path, "package.json"), "utf8")) };
});

describe.each(packages)("packages/$dir", ({ path, pkg }) => {
  it("is a scoped, side-effect-free package for Node >= 20.19", () => {
    expect(pkg.name).toMatch(/^@ledgerline\/[a-z-]+$/);
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines.node).toBe(">=20.19");
    expect(pkg.type).toBe("module");
  });

  it("publishes ES modules only: types + default for every subpath, its sources for the workspace", () => {
    // One module format (CONTRIBUTING.md, "Module format"): CommonJS consumers load the same ESM files with
    // require(esm), so no subpath may offer a separate CJS file (two copies of every class) or a `main`.
    for (const [subpath, target] of Object.entries(pkg.exports as Record<string, unknown>)) {
      if (subpath === "./package.json") continue;
      const entry = target as Record<string, string>;
      expect(Object.keys(entry), `${subpath}: conditions`).toEqual([
        "@ledgerline/source",
        "types",
        "default",
      ]);
      expect(existsSync(join(path, entry["@ledgerline/source"] as string)), `${subpath} source exists`).toBe(
        true,
      );
      expect(entry.types, `${subpath}: types`).toMatch(/^\.\/dist\/.+\.d\.ts$/);
      expect(entry.default, `${subpath}: default`).toMatch(/^\.\/dist\/.+\.js$/);
      expect(entry.types.replace(/\.d\.ts$/, ""), `${subpath}: types beside the code`).toBe(
        (entry.default as string).replace(/\.js$/, ""),
      );
    }
    expect(Object.keys(pkg.exports)).not.toContain("./*");
    expect(pkg.main, "no main: it would name a CJS file").toBeUndefined();
    expect(pkg.module).toBeUndefined();
    expect(pkg.types).toBe(pkg.exports["."].types);
    for (const bin of Object.values<string>(pkg.bin ?? {})) expect(bin).toMatch(/^\.\/dist\/.+\.js$/);
    expect(pkg.scripts.publint).toContain("--profile esm-only");
  });

  it("ships what a consumer needs and no more: dist, README, CHANGELOG and the MIT LICENSE", () => {
    expect(pkg.license).toBe("MIT");
    expect(readFileSync(join(path, "LICENSE"), "utf8")).toBe(readFileSync(join(root, "LICENSE"), "utf8"));
    expect(pkg.files).toContain("dist");
    expect(pkg.files).not.toContain("src"); // source maps embed the sources (sourcesContent)
    expect(pkg.files.filter((f: string) => /test|fixture/.test(f))).toEqual([]);
  });

  it("keeps what only tests need out of its production dependencies; optional peers are optional", () => {
    // The testing kits' validator, YAML loader and msw are optional peers (see packages/core/README.md).
    const testOnly = ["ajv", "ajv-formats", "yaml", "msw", "vitest", "fast-check"];
    expect(Object.keys(pkg.dependencies ?? {}).filter((d) => testOnly.includes(d))).toEqual([]);
    for (const peer of Object.keys(pkg.peerDependencies ?? {})) {
      expect(pkg.peerDependenciesMeta?.[peer]?.optional, `peer ${peer} is optional`).toBe(true);
    }
  });

  it("has a README and a public entry point", () => {
    expect(existsSync(join(path, "README.md"))).toBe(true);
    expect(existsSync(join(path, "src", "index.ts"))).toBe(true);
  });

  it("depends on workspace packages only in the direction of the design", () => {
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
    const internal = deps.filter((d) => d.startsWith("@ledgerline/"));
    if (pkg.name === "@ledgerline/core") {
      expect(internal).toEqual([]); // core never imports canonical (nor anything else of ours)
    } else if (pkg.name === "@ledgerline/canonical") {
      // canonical takes only the error base (LedgerlineError / ValidationError) from core; see its README
      expect(internal.every((d) => d === "@ledgerline/core")).toBe(true);
    } else if (pkg.name === "@ledgerline/flows") {
      // flows composes the chain: the one package that may import several connectors (never the other way)
      expect(internal.every((d) => /^@ledgerline\/(core|canonical|connector-[a-z]+)$/.test(d))).toBe(true);
    } else {
      // a connector takes core and canonical only: anything two connectors need goes down, never sideways
      expect(internal.every((d) => d === "@ledgerline/core" || d === "@ledgerline/canonical")).toBe(true);
    }
  });
});
