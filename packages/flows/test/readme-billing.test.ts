import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

describe("README billing example", () => {
  const source = readFileSync(join(root, "examples", "billing.ts"), "utf8");

  it("is in the README verbatim", () => {
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(source);
  });

  it("runs against the fakes and prints what its comments say", () => {
    const out = execFileSync(
      process.execPath,
      ["--conditions=@ledgerline/source", "--import", "tsx", join(root, "examples", "billing.ts")],
      { encoding: "utf8", cwd: root },
    );
    expect(out.trim().split("\n")).toEqual(["1 1 125.00", "1 125.00 0.00", "2 2"]);
  });
});
