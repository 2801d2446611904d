import { access, mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { acquireLock, type HeldLock, type LockOptions } from "@ledgerline/core";
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
  /** Kantata fake snapshot (written when its records change: seeding, `--approve`). */
  kantata: string;
  /** NetSuite fake snapshot (the base the journal applies to). */
  netsuite: string;
  /** NetSuite fake journal: every record a write stored, flushed before the fake answers. */
  netsuiteJournal: string;
  manifest: string;
  /** The lock directory that makes one run at a time the owner of `dir`. */
  lock: string;
}

/** What the state was made from; a run with another seed or size must `--reset` first. */
export interface StateManifest {
  seed: number;
  size: Record<string, number>;
  createdAt: string;
  /** True while a run is going; still true at the start of the next run means that run was stopped. */
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
    netsuiteJournal: join(dir, "netsuite-fake.journal"),
    manifest: join(dir, "demo.json"),
    lock: join(dir, "run.lock"),
  };
}

/**
 * Makes this run the one owner of the state folder, before anything in it is read, cleared or recovered:
 * core's `acquireLock` (a heartbeat lock; a lock left by a killed run is taken over once stale). The lock
 * lives in the folder itself, beside — not inside — what `--reset` clears, so clearing cannot remove it.
 * @throws LockHeldError (from `@ledgerline/core`) naming the folder and the run that holds it.
 */
export async function lockState(
  paths: StatePaths,
  options: Pick<LockOptions, "staleMs" | "onLost" | "onWait"> = {},
): Promise<HeldLock> {
  await mkdir(paths.dir, { recursive: true });
  return acquireLock(paths.lock, { ...options, folder: paths.dir });
}

/** Removes the demo's files (ledger, fakes' state, manifest, temporary files) and nothing else. */
export async function clearState(paths: StatePaths): Promise<void> {
  await rm(paths.ledger, { recursive: true, force: true });
  for (const file of [paths.kantata, paths.netsuite, paths.netsuiteJournal, paths.manifest]) {
    await rm(file, { force: true });
  }
  await removeTemporaryFiles(paths);
}

/**
 * Removes `*.tmp` files a stopped run left behind (its atomic writes never renamed into place). Only the
 * lock holder calls it, so no run is writing them.
 */
export async function removeTemporaryFiles(paths: StatePaths): Promise<number> {
  let names: string[];
  try {
    names = await readdir(paths.dir);
  } catch {
    return 0;
  }
  const temporary = names.filter((name) => name.endsWith(".tmp"));
  for (const name of temporary) await rm(join(paths.dir, name), { force: true });
  return temporary.length;
}

/** A state file that exists but cannot be used (empty, not JSON). */
export class StateFileError extends Error {
  override readonly name = "StateFileError";
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/**
 * Reads a JSON file, or `undefined` when it does not exist.
 * @throws StateFileError when it exists but is empty or not JSON.
 */
export async function readJson<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (text.trim() === "") throw new StateFileError(file, "empty");
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new StateFileError(file, "not valid JSON");
  }
}

/**
 * Writes JSON durably and atomically: a temporary file, flushed (`fsync`), renamed into place, then the
 * folder flushed so the rename itself survives a power loss. A crash never leaves half a file.
 */
export async function writeJson(file: string, value: unknown): Promise<void> {
  const folder = dirname(file);
  await mkdir(folder, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(JSON.stringify(value));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  await syncFolder(folder);
}

/** Flushes a folder's entries (renames, creations). Not possible on every platform (Windows). */
export async function syncFolder(folder: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(folder, "r");
    await handle.sync();
  } catch {
    // a platform that cannot fsync a directory; the rename is still atomic
  } finally {
    await handle?.close();
  }
}

/** What {@link prepareState} found. */
export interface PreparedState {
  /** The ledger and both fakes' saved state are there: this run continues from them. */
  resume: boolean;
  /** The previous run did not finish (killed, crashed, power loss) — it is resumed if `resume`. */
  interrupted: boolean;
  /** What was recovered or cleared, and why (shown in the report; never silent). */
  notes: string[];
}

/**
 * Gets the state folder ready. The caller holds the folder's lock ({@link lockState}). `--reset` clears
 * it; stale `*.tmp` files are removed; a state made from another seed or size is refused. The fakes
 * persist every change before they answer, so the NetSuite fake always holds at least what the ledger
 * recorded — a killed run is resumed, not started over. Only when a piece of the state is missing or
 * unreadable (an empty or corrupt file) does the run start over, clearing the ledger with it (a ledger
 * without its NetSuite records would skip postings NetSuite does not have), and a note says so.
 */
export async function prepareState(
  paths: StatePaths,
  data: DemoDataSet,
  reset: boolean,
): Promise<PreparedState> {
  const notes: string[] = [];
  if (reset) await clearState(paths);
  const removed = await removeTemporaryFiles(paths);
  if (removed > 0) notes.push(`removed ${removed} temporary file(s) left by a stopped run`);

  let manifest: StateManifest | undefined;
  try {
    manifest = await readJson<StateManifest>(paths.manifest);
    if (manifest !== undefined && (typeof manifest.seed !== "number" || typeof manifest.size !== "object")) {
      throw new StateFileError(paths.manifest, "not a demo manifest");
    }
  } catch (error) {
    if (!(error instanceof StateFileError)) throw error;
    notes.push(`${error.message}: the state cannot be trusted, starting over`);
    await clearState(paths);
    manifest = undefined;
  }
  if (
    manifest &&
    (manifest.seed !== data.seed || JSON.stringify(manifest.size) !== JSON.stringify(data.size))
  ) {
    throw new UsageError(
      "--seed",
      `${paths.dir} holds state made with seed ${manifest.seed}; add --reset to start over with seed ${data.seed}`,
    );
  }
  const interrupted = manifest?.inProgress === true;
  const pieces = [paths.kantata, paths.netsuite, paths.ledger];
  const present = await existing(pieces);
  const resume =
    manifest !== undefined && present.includes(paths.kantata) && present.includes(paths.netsuite);
  if (!resume) {
    if (manifest !== undefined || present.length > 0) {
      const missing = [
        ...(manifest === undefined ? [paths.manifest] : []),
        ...[paths.kantata, paths.netsuite].filter((f) => !present.includes(f)),
      ];
      notes.push(`the saved state is incomplete (missing ${missing.join(", ")}): starting over`);
    }
    await clearState(paths);
  } else if (interrupted) {
    notes.push(
      "the previous run was stopped before it finished: resuming from its ledger and the fakes' journal",
    );
  }
  await writeJson(paths.manifest, {
    seed: data.seed,
    size: { ...data.size },
    createdAt: resume && manifest ? manifest.createdAt : new Date().toISOString(),
    inProgress: true,
  } satisfies StateManifest);
  return { resume, interrupted, notes };
}

/** Marks the run finished (the manifest's `inProgress` goes back to false). */
export async function finishState(paths: StatePaths): Promise<void> {
  const manifest = await readJson<StateManifest>(paths.manifest).catch(() => undefined);
  if (manifest) await writeJson(paths.manifest, { ...manifest, inProgress: false });
}

async function existing(files: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    try {
      await access(file);
      out.push(file);
    } catch {
      // missing
    }
  }
  return out;
}
