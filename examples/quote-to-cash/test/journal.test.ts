import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Journal, JournalCorruptError, readJournal } from "../src/journal.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "journal-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("Journal (the NetSuite fake's durable change log)", () => {
  it("keeps append order across concurrent flushes; each flush covers what was appended before it", async () => {
    const file = join(dir, "j.journal");
    const journal = await Journal.open<{ n: number }>(file);
    const flushes: Promise<void>[] = [];
    for (let n = 0; n < 200; n++) {
      journal.append({ n });
      if (n % 7 === 0) flushes.push(journal.flush());
    }
    const last = journal.flush();
    await Promise.all([...flushes, last]);
    expect(journal.pending).toBe(0);
    expect((await readJournal<{ n: number }>(file)).map((e) => e.n)).toEqual(
      Array.from({ length: 200 }, (_, n) => n),
    );
    await journal.truncate();
    expect(await readFile(file, "utf8")).toBe("");
    await journal.close();
  });

  it("drops a torn last line (a write cut short by a kill) and truncates it away", async () => {
    const file = join(dir, "torn.journal");
    await writeFile(file, '{"n":1}\n{"n":2}\n{"n":');
    expect(await readJournal(file)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await readFile(file, "utf8")).toBe('{"n":1}\n{"n":2}\n');
    await appendFile(file, '{"n":3}'); // complete JSON but no newline: not confirmed either
    expect(await readJournal(file)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await readJournal(join(dir, "missing.journal"))).toEqual([]);
  });

  it("refuses a damaged line followed by good ones, naming the line", async () => {
    const file = join(dir, "bad.journal");
    await writeFile(file, '{"n":1}\nnot json\n{"n":3}\n');
    const error = await readJournal(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect((error as JournalCorruptError).line).toBe(2);
  });
});
