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

  it("exports ESM, CJS and types for every subpath, and its sources for the workspace", () => {
    for (const [subpath, target] of Object.entries(pkg.exports as Record<string, unknown>)) {
      if (subpath === "./package.json") continue;
      const entry = target as Record<string, Record<string, string> | string>;
      expect(Object.keys(entry)[0], `${subpath}: source condition first`).toBe("@ledgerline/source");
      expect(existsSync(join(path, entry["@ledgerline/source"] as string)), `${subpath} source exists`).toBe(
        true,
      );
      const esm = entry.import as Record<string, string>;
      const cjs = entry.require as Record<string, string>;
      expect(esm.types).toMatch(/\.d\.ts$/);
      expect(esm.default).toMatch(/\.js$/);
      expect(cjs.types).toMatch(/\.d\.cts$/);
      expect(cjs.default).toMatch(/\.cjs$/);
    }
    expect(Object.keys(pkg.exports)).not.toContain("./*");
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
    } else {
      expect(internal.every((d) => d === "@ledgerline/core" || d === "@ledgerline/canonical")).toBe(true);
    }
  });
});
