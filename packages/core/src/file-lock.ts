import { readFileSync } from "node:fs";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import lockfile from "proper-lockfile";
import { LedgerlineError } from "./errors.js";

/**
 * Who holds a lock, as the holder wrote it down when it took the lock. Informational only: liveness is
 * decided by the lock's heartbeat (its modification time), never by these fields — a process id means
 * nothing in another PID namespace or after a container restart.
 */
export interface LockHolder {
  host: string;
  pid: number;
  /** ISO instant the holder took the lock. */
  startedAt: string;
}

/**
 * A lock is held by another live writer (its heartbeat is moving), or was left less than the stale window
 * ago by one that stopped. `folder` names what is locked; `holder` is what the holder wrote down, when it
 * could be read.
 */
export class LockHeldError extends LedgerlineError {
  override name = "LockHeldError";
  /** The folder (or file) that is locked. */
  readonly folder: string;
  /** The lock directory. */
  readonly lockPath: string;
  /** What the holder wrote down when it took the lock, if readable. */
  readonly holder: LockHolder | undefined;
  constructor(folder: string, lockPath: string, holder: LockHolder | undefined, detail: string) {
    super("LOCKED", `${folder} is locked by ${describeHolder(holder)}: ${detail}`, { retryable: true });
    this.folder = folder;
    this.lockPath = lockPath;
    this.holder = holder;
  }
}

/**
 * A held lock could not be kept: its heartbeat was not refreshed within the stale window (the event loop
 * was blocked, the machine slept) and another process may have taken it over, or the lock directory was
 * removed. Whatever it protected must stop writing.
 */
export class LockLostError extends LedgerlineError {
  override name = "LockLostError";
  readonly folder: string;
  constructor(folder: string, cause: unknown) {
    super("LOCK_LOST", `lost the lock on ${folder}: its heartbeat could not be kept; stop and reopen`, {
      cause,
    });
    this.folder = folder;
  }
}

/** Options of {@link acquireLock}. */
export interface LockOptions {
  /**
   * What the lock protects, named in errors. @default the lock path without its `.lock` suffix
   */
  folder?: string;
  /**
   * A lock whose heartbeat has not moved for this long is stale: its holder stopped (killed, crashed,
   * container gone) and it is taken over. The holder refreshes it every `staleMs / 4` (at least 1 s).
   * At least 2000. @default 10000
   */
  staleMs?: number;
  /** Called once if the lock is lost after it was taken (see {@link LockLostError}). */
  onLost?: (error: LockLostError) => void;
  /**
   * Called once when the lock is found taken and `acquireLock` starts watching its heartbeat (for up to
   * `staleMs`), e.g. to tell a user why nothing seems to happen.
   */
  onWait?: () => void;
}

/** A lock this process holds. */
export interface HeldLock {
  /** The lock directory. */
  readonly path: string;
  /** The error that made it lost, once lost. */
  readonly lost: LockLostError | undefined;
  /** Releases the lock (idempotent). */
  release(): Promise<void>;
}

/** Smallest stale window proper-lockfile accepts. */
export const MIN_LOCK_STALE_MS = 2000;

/** Locks this process holds (absolute lock paths): a second taker in the same process is refused at once. */
const heldHere = new Set<string>();

/**
 * Takes the lock directory `lockPath` (created with `mkdir`, atomic on local and network file systems)
 * through proper-lockfile: the holder refreshes the directory's modification time (a heartbeat), and a
 * lock whose heartbeat has not moved for `staleMs` is stale and taken over — so a lock left by a killed
 * process, or by a container that restarted (where the new process may even have the same PID), never
 * needs manual clean-up. Liveness is never decided from a process id.
 *
 * When the lock is taken, `acquireLock` watches its heartbeat: if it moves, a live writer holds it and
 * {@link LockHeldError} is thrown at once (within one heartbeat); if it does not, the lock is taken over
 * as soon as it is stale (within `staleMs`).
 * @throws LockHeldError naming the folder and the holder.
 */
export async function acquireLock(lockPath: string, options: LockOptions = {}): Promise<HeldLock> {
  const staleMs = options.staleMs ?? 10_000;
  if (!Number.isInteger(staleMs) || staleMs < MIN_LOCK_STALE_MS) {
    throw new TypeError(`acquireLock: option "staleMs" must be an integer >= ${MIN_LOCK_STALE_MS}`);
  }
  const folder = options.folder ?? lockPath.replace(/\.lock$/, "");
  const updateMs = Math.max(1000, Math.floor(staleMs / 4));
  const holderPath = holderFile(lockPath);
  const key = resolve(lockPath);
  if (heldHere.has(key)) {
    throw new LockHeldError(folder, lockPath, readHolder(holderPath), "this process already holds it");
  }
  await mkdir(dirname(lockPath), { recursive: true });

  let lost: LockLostError | undefined;
  const deadline = Date.now() + staleMs + 2 * updateMs;
  let seenMtime: number | undefined;
  for (;;) {
    let release: () => Promise<void>;
    try {
      // `lockPath` is the lock directory itself; the `file` argument only keys proper-lockfile's registry.
      release = await lockfile.lock(lockPath, {
        lockfilePath: lockPath,
        realpath: false,
        stale: staleMs,
        update: updateMs,
        retries: 0,
        onCompromised: (error) => {
          lost = new LockLostError(folder, error);
          heldHere.delete(key);
          options.onLost?.(lost);
        },
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ENOTDIR" && (await isFile(lockPath))) {
        // A PID-file lock of an earlier version, found stale (no heartbeat): remove it and try again.
        await rm(lockPath, { force: true });
        continue;
      }
      if (code !== "ELOCKED") throw error;
      const mtime = await mtimeOf(lockPath);
      if (mtime !== undefined && seenMtime !== undefined && mtime !== seenMtime) {
        throw new LockHeldError(folder, lockPath, readHolder(holderPath), "another live process holds it");
      }
      if (seenMtime === undefined) options.onWait?.();
      seenMtime ??= mtime;
      if (Date.now() > deadline) {
        throw new LockHeldError(
          folder,
          lockPath,
          readHolder(holderPath),
          `its heartbeat did not move but it is not stale after ${staleMs} ms (clock skew on a shared volume?)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, updateMs / 2)));
      continue;
    }
    heldHere.add(key);
    const holder: LockHolder = { host: hostname(), pid: process.pid, startedAt: new Date().toISOString() };
    await writeFile(holderPath, JSON.stringify(holder)).catch(() => undefined);
    let released = false;
    return {
      path: lockPath,
      get lost() {
        return lost;
      },
      async release() {
        if (released) return;
        released = true;
        heldHere.delete(key);
        if (lost) return; // proper-lockfile already dropped it; the holder file may be a new holder's
        await rm(holderPath, { force: true }).catch(() => undefined);
        await release().catch((error: unknown) => {
          if ((error as { code?: string }).code !== "ERELEASED") throw error;
        });
      },
    };
  }
}

/** Where the holder's description lives: beside the lock directory (which must stay empty to be removed). */
function holderFile(lockPath: string): string {
  return join(dirname(lockPath), `${basename(lockPath)}-holder.json`);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function mtimeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as Partial<LockHolder>;
    if (
      typeof value.host === "string" &&
      typeof value.pid === "number" &&
      typeof value.startedAt === "string"
    ) {
      return { host: value.host, pid: value.pid, startedAt: value.startedAt };
    }
  } catch {
    // unreadable or not written yet
  }
  return undefined;
}

function describeHolder(holder: LockHolder | undefined): string {
  return holder
    ? `process ${holder.pid} on ${holder.host} (since ${holder.startedAt})`
    : "another process (holder unknown)";
}
