import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { SimulateUsageError } from "./simulateUsageError.ts";

/**
 * A season's output folder, written without ever leaving half a folder behind: files are written
 * into a sibling temporary folder, which is renamed into place only when everything is written
 * (a rename within one directory is atomic). An existing folder is replaced only with `force`.
 */
export type SeasonFolder = {
  /** Appends text to a file of the folder (created on first use). */
  append(file: string, text: string): void;
  /** Closes the files and renames the folder into place. */
  commit(): void;
  /** Removes the temporary folder (after a failure). */
  abandon(): void;
};

export function openSeasonFolder(target: string, force: boolean, processId: number): SeasonFolder {
  if (existsSync(target) && !force)
    throw new SimulateUsageError(
      [`${target} already exists`],
      "Choose another --out folder, or pass --force to replace it.",
    );
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const temporary = join(parent, `.${basename(target)}.partial-${processId}`);
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary);
  const handles = new Map<string, number>();
  const closeAll = () => {
    for (const handle of handles.values()) closeSync(handle);
    handles.clear();
  };
  return {
    append(file, text) {
      let handle = handles.get(file);
      if (handle === undefined) {
        handle = openSync(join(temporary, file), "w");
        handles.set(file, handle);
      }
      writeSync(handle, text);
    },
    commit() {
      closeAll();
      if (existsSync(target)) {
        const old = join(parent, `.${basename(target)}.replaced-${processId}`);
        renameSync(target, old);
        renameSync(temporary, target);
        rmSync(old, { recursive: true, force: true });
      } else renameSync(temporary, target);
    },
    abandon() {
      closeAll();
      rmSync(temporary, { recursive: true, force: true });
    },
  };
}
