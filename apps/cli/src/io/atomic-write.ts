import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { FileAccessError } from "./file-errors";
import { writeJsonPieces } from "./json-pieces";

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
 * Writes `text` (or bytes) to `path` so that a crash never leaves a half-written file: the
 * data goes to a temporary file in the same folder as the real target (so the rename stays
 * on one filesystem), is flushed to the disk, then a rename replaces the old file in one
 * step. Symlinks are written through; pipes, sockets, devices and folders are refused,
 * never replaced.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array, flag = path): void {
  replaceAtomically(path, flag, (fd) =>
    writeAll(fd, typeof text === "string" ? Buffer.from(text, "utf8") : text),
  );
}

/**
 * Writes `value` as JSON text (exactly JSON.stringify's) to `path`, atomically as
 * writeFileAtomic does, in pieces: the whole text is never held in memory, which matters
 * for models and checkpoints of millions of weights (json-pieces.ts).
 */
export function writeJsonFileAtomic(path: string, value: unknown, flag = path): void {
  replaceAtomically(path, flag, (fd) =>
    writeJsonPieces(value, (piece) => writeAll(fd, Buffer.from(piece, "utf8"))),
  );
}

/** writeSync may write less than asked (a full disk, a signal): write the rest, or throw. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * The atomic replacement both writers share: checks the path, clears stale temporaries,
 * creates `<target>.<pid>.tmp` afresh (never through a link left there; with the old
 * file's permissions, if there was one), has `fill` write it, flushes it to the disk (so
 * a power cut after the rename cannot leave an empty file in the old one's place), and
 * renames it over the target. Any failure removes the temporary file and throws a
 * FileAccessError saying nothing was replaced.
 */
function replaceAtomically(path: string, flag: string, fill: (fd: number) => void): void {
  checkWritable(path, flag);
  const target = writeTarget(path);
  removeStaleTemporaries(target);
  // Keep the file's permissions when replacing it.
  let mode = 0o666;
  try {
    mode = statSync(target).mode & 0o777;
  } catch {}
  const temporary = temporaryName(target, process.pid);
  try {
    rmSync(temporary, { force: true });
    const fd = openSync(temporary, "wx", mode);
    try {
      fill(fd);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
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
