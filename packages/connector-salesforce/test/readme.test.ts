import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const run = (file: string) =>
  execFileSync(
    process.execPath,
    ["--conditions=@ledgerline/source", "--import", "tsx", join(root, "examples", file)],
    {
      encoding: "utf8",
      cwd: root,
    },
  );

// The README's examples are examples/*.ts verbatim; the consumer smoke test also runs them against the packed package.
describe.each(["client-credentials.ts", "jwt-bearer.ts"])("README example %s", (file) => {
  it("is in the README verbatim, marked as a runnable example", () => {
    const source = readFileSync(join(root, "examples", file), "utf8");
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(`\`\`\`ts example\n${source}\`\`\``);
  });
});

describe("README examples run against the fake", () => {
  it("client credentials + upsertRecords: 450 created in 3 calls, rerun skipped by the ledger", () => {
    const out = run("client-credentials.ts");
    expect(out).toContain("created 450, failed 0, in 3 calls");
    expect(out).toContain("rerun: unchanged 450, in 0 calls");
    expect(out).toContain("Client 7");
  });

  it("JWT bearer: token from a verified assertion, requests to instance_url", () => {
    expect(run("jwt-bearer.ts")).toContain("opportunity created via instance_url");
  });
});
