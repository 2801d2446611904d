import { access, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { UsageError } from "./cli.js";
import type { DemoDataSet } from "./seed.js";

/**
 * The demo's state folder, `.ledgerline/` in the directory the user ran npm from: the idempotency
 * ledger, the fakes' records (so a second run finds what the first posted) and a small manifest naming
 * the seed the data was generated from.
 */
export interface StatePaths {
  dir: string;
  /** Directory handed to core's FileLedger. */
  ledger: string;
  kantata: string;
  netsuite: string;
  manifest: string;
}

/** What the state was made from; a run with another seed or size must `--reset` first. */
export interface StateManifest {
  seed: number;
  size: Record<string, number>;
  createdAt: string;
  /** True while a run is going; still true at the start of the next run means that run died unsaved. */
  inProgress?: boolean;
}

/** The state folder for a run started from `cwd` (npm sets `INIT_CWD` to where the user ran npm). */
export function statePaths(cwd: string = process.env.INIT_CWD ?? process.cwd()): StatePaths {
  const dir = resolve(cwd, ".ledgerline");
  return {
    dir,
    ledger: join(dir, "ledger"),
    kantata: join(dir, "kantata-fake.json"),
    netsuite: join(dir, "netsuite-fake.json"),
    manifest: join(dir, "demo.json"),
  };
}

/** Removes the demo's files (ledger, fakes' state, manifest) and nothing else in the folder. */
export async function clearState(paths: StatePaths): Promise<void> {
  await rm(paths.ledger, { recursive: true, force: true });
  for (const file of [paths.kantata, paths.netsuite, paths.manifest]) await rm(file, { force: true });
}

/** Reads a JSON file, or `undefined` when it does not exist. */
export async function readJson<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return JSON.parse(text) as T;
}

/** Writes JSON atomically (temporary file + rename), so a crash never leaves half a file. */
export async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(resolve(file, ".."), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(value));
  await rename(temporary, file);
}

/**
 * Gets the state folder ready: `--reset` clears it; a state made from another seed or size is refused
 * (it would not match); and the ledger is cleared whenever the fakes' saved records are missing, because
 * the ledger says what the NetSuite fake holds — one without the other would skip postings that are not there.
 */
export async function prepareState(paths: StatePaths, data: DemoDataSet, reset: boolean): Promise<void> {
  if (reset) await clearState(paths);
  const manifest = await readJson<StateManifest>(paths.manifest);
  if (
    manifest &&
    (manifest.seed !== data.seed || JSON.stringify(manifest.size) !== JSON.stringify(data.size))
  ) {
    throw new UsageError(
      "--seed",
      `${paths.dir} holds state made with seed ${manifest.seed}; add --reset to start over with seed ${data.seed}`,
    );
  }
  // A run killed before it saved the fakes (SIGKILL, power loss) leaves a ledger ahead of the NetSuite
  // records; so does a missing fake state. Either way, start over rather than skip postings NetSuite lacks.
  const consistent =
    manifest?.inProgress !== true && (await exists(paths.kantata)) && (await exists(paths.netsuite));
  if (!consistent) await clearState(paths);
  await writeJson(paths.manifest, {
    seed: data.seed,
    size: { ...data.size },
    createdAt: consistent && manifest ? manifest.createdAt : new Date().toISOString(),
    inProgress: true,
  } satisfies StateManifest);
}

/** Marks the state consistent again (the fakes' records saved after the ledger's last posting). */
export async function finishState(paths: StatePaths): Promise<void> {
  const manifest = await readJson<StateManifest>(paths.manifest);
  if (manifest) await writeJson(paths.manifest, { ...manifest, inProgress: false });
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
