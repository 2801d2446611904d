// Runs the TypeScript examples of the README sections on idempotency, the ledger, the batch runner and
// the testing kit, so that they stay runnable.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const SECTIONS = [
  "HTTP client: quick start",
  "Idempotency",
  "Ledger",
  "Batch runner",
  "Testing kit (`@ledgerline/core/testing`)",
];

async function exampleOf(section: string): Promise<string> {
  const readme = await readFile(join(packageDir, "README.md"), "utf8");
  const start = readme.indexOf(`\n## ${section}\n`);
  if (start < 0) throw new Error(`README section "${section}" not found`);
  const rest = readme.slice(start + 1);
  const end = rest.indexOf("\n## ", 1);
  const body = end < 0 ? rest : rest.slice(0, end);
  const match = /```ts example\n([\s\S]*?)```/.exec(body);
  if (!match?.[1]) throw new Error(`README section "${section}" has no ts example`);
  return match[1];
}

describe("README examples", () => {
  for (const section of SECTIONS) {
    it(`runs the "${section}" example`, async () => {
      const dir = await mkdtemp(join(packageDir, ".readme-example-"));
      try {
        const file = join(dir, "example.ts");
        await writeFile(file, await exampleOf(section));
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ["--conditions=@ledgerline/source", "--import", "tsx", file],
          { cwd: dir, timeout: 30_000 },
        );
        expect(stdout.length).toBeGreaterThan(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 40_000);
  }
});
