import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";

/**
 * A pid lock file: `acquireLock` creates `lockPath` exclusively with this process id in it. A lock whose
 * process no longer runs is stale and taken over; one held by a running process (or this one) throws.
 * Same-host only (the pid is checked with `process.kill(pid, 0)`).
 */
export function acquireLock(lockPath: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
      const holder = readPid(lockPath);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `FileLedger: ${lockPath} is held by running process ${holder}; one process per ledger`,
        );
      }
      if (holder === process.pid) {
        throw new Error(
          `FileLedger: ${lockPath} is already open in this process; share one FileLedger instance`,
        );
      }
      releaseLock(lockPath); // stale: its process is gone
    }
  }
  throw new Error(`FileLedger: could not take ${lockPath}`);
}

function readPid(lockPath: string): number | undefined {
  try {
    const fd = openSync(lockPath, "r");
    const buffer = Buffer.alloc(32);
    const n = readSync(fd, buffer, 0, 32, 0);
    closeSync(fd);
    const pid = Number.parseInt(buffer.subarray(0, n).toString("utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

export function releaseLock(lockPath: string): void {
  try {
    unlinkSync(lockPath);
  } catch {
    // already gone
  }
}
