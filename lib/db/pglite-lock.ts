import "server-only";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DatabaseUnavailableError } from "./errors";

/**
 * PGlite keeps its data in a folder that only one process may open at a time (two writers corrupt
 * it). A pid file beside it turns that rule into a clear error instead of silent damage.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, "tradeoff.lock");
  const holder = readHolder(lockFile);
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
    throw new DatabaseUnavailableError(
      `The embedded database in ${dataDir} is in use by another Tradeoff process (pid ${holder}).`,
      "Stop that process first (for example the running app), or set DATABASE_URL to share a Postgres server.",
    );
  }
  writeFileSync(lockFile, String(process.pid));
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    if (readHolder(lockFile) === process.pid) rmSync(lockFile, { force: true });
  };
  process.once("exit", release);
  return release;
}

function readHolder(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
