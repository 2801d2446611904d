import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

// The README's runnable examples are these files, verbatim; running them proves they work.
describe.each([
  ["post-time.ts", "written unchanged 1"],
  ["oauth2-m2m.ts", "5 rest_webservices"],
  ["tba.ts", "0"],
])("README example %s", (file, expected) => {
  const source = readFileSync(join(root, "examples", file), "utf8");

  it("is in the README verbatim", () => {
    expect(readme).toContain(source);
  });

  it("runs", () => {
    const out = execFileSync(
      process.execPath,
      ["--conditions=@ledgerline/source", "--import", "tsx", join(root, "examples", file)],
      {
        encoding: "utf8",
        cwd: root,
      },
    );
    expect(out.trim()).toBe(expected);
  });
});
