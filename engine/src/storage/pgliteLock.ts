import { open, readFile, unlink } from "node:fs/promises";
import { DatabaseInUseError } from "./storageErrors.ts";

/**
 * A lock file beside a PGlite folder (`<path>.lock`, holding the owner's pid). PGlite has one
 * writer and does not guard its folder itself: two processes opening it would corrupt it. A lock
 * left by a process that died (kill -9, power loss) is taken over, so a crashed runner restarts.
 */
export async function acquirePgliteLock(path: string): Promise<() => Promise<void>> {
  const lockPath = `${path}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.sync();
      await handle.close();
      return async () => {
        await unlink(lockPath).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
    if (Number.isSafeInteger(owner) && owner > 0 && isAlive(owner)) throw new DatabaseInUseError(path, owner);
    // Stale (or half-written) lock: its owner is gone.
    await unlink(lockPath).catch(() => undefined);
  }
  throw new DatabaseInUseError(path, -1);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
