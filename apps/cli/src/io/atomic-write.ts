import {
  accessSync,
  constants,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { FileAccessError } from "./file-errors";

/**
 * Where a write to `path` really goes: a symlink's target (followed to the end, even if
 * that file does not exist yet), so that saving through a link updates the file it points
 * to instead of replacing the link with a file.
 */
export function writeTarget(path: string): string {
  let target = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!lstatSync(target).isSymbolicLink()) return target;
      link = readlinkSync(target);
    } catch {
      return target; // nothing there yet: a new file
    }
    target = resolve(dirname(target), link);
  }
  throw new FileAccessError(`${path}: too many levels of symbolic links`);
}

/**
 * Checks, before any long work, that `path` can be written: its folder exists (created if
 * missing) and is writable, and what is there now, if anything, is a regular file (not a
 * folder, pipe, socket or device). `flag` names the option in errors ("--save").
 */
export function checkWritable(path: string, flag: string): void {
  const target = writeTarget(path);
  const folder = dirname(target);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new FileAccessError(
      `${flag} ${path}: cannot create the folder ${folder} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); choose another path`,
    );
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new FileAccessError(
      `${flag} ${path}: the folder ${folder} is not writable; choose another path`,
    );
  }
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(target);
  } catch {
    return; // a new file
  }
  if (stat.isDirectory())
    throw new FileAccessError(`${flag} ${path}: that is a folder; give a file name in it`);
  if (!stat.isFile())
    throw new FileAccessError(
      `${flag} ${path}: that is a pipe, socket or device, not a file; give the path of a file`,
    );
}

/** Temporary files of ours beside `target`: `<name>.<pid>.tmp`. */
function temporaryName(target: string, pid: number): string {
  return `${target}.${pid}.tmp`;
}

/**
 * Removes temporary files left beside `target` by a write that was killed (its process
 * no longer runs). A live process's file is left alone: it may be writing right now.
 */
export function removeStaleTemporaries(target: string): void {
  const folder = dirname(target);
  const prefix = `${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const pid = Number(name.slice(prefix.length, -".tmp".length));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isRunning(pid)) continue;
    rmSync(join(folder, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by another user
  }
}

/**
 * Writes `text` (or bytes) to `path` so that a crash never leaves a half-written file: the data goes
 * to a temporary file in the same folder as the real target (so the rename stays on one
 * filesystem), then a rename replaces the old file in one step. Symlinks are written
 * through; pipes, sockets, devices and folders are refused, never replaced.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array, flag = path): void {
  checkWritable(path, flag);
  const target = writeTarget(path);
  removeStaleTemporaries(target);
  // Keep the file's permissions when replacing it.
  let mode: number | undefined;
  try {
    mode = statSync(target).mode & 0o777;
  } catch {}
  const temporary = temporaryName(target, process.pid);
  try {
    writeFileSync(temporary, text, mode === undefined ? {} : { mode });
    renameSync(temporary, realpathOr(target));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new FileAccessError(
      `${flag}: could not write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was replaced`,
      { cause: error },
    );
  }
}

function realpathOr(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return target;
  }
}
