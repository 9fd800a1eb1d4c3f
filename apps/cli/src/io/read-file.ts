import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { FileAccessError } from "./file-errors";

/**
 * The largest JSON file the CLI reads: V8's longest string is 2²⁹ − 24 characters, so a
 * larger file could not be parsed anyway. A 784-800-10 model is about 12 MB.
 */
export const MAX_JSON_BYTES = 2 ** 29 - 24;

/**
 * Reads a regular file whole, after checking what it is: a FIFO or a device would block
 * or never end, and a file larger than `maxBytes` is refused before anything is read.
 * `what` names the file in errors ("the model file", "the checkpoint").
 */
export function readRegularFile(path: string, what: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer (it is refused below).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "it is a folder, not a file"
            : (error as Error).message;
    throw new FileAccessError(`cannot read ${what} ${path}: ${reason}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory())
      throw new FileAccessError(`${what} ${path} is a folder; give the path of a file`);
    if (!stat.isFile())
      throw new FileAccessError(
        `${what} ${path} is not a regular file (a pipe, socket or device); give the path of a file`,
      );
    if (stat.size > maxBytes)
      throw new FileAccessError(
        `${what} ${path} is ${stat.size} bytes, more than the ${maxBytes} this command reads; is it the right file?`,
      );
    const bytes = Buffer.alloc(stat.size);
    let offset = 0;
    while (offset < bytes.length) {
      const n = readSync(fd, bytes, offset, bytes.length - offset, offset);
      if (n === 0) break;
      offset += n;
    }
    return bytes.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}

/** A JSON file's text, read as `readRegularFile` reads (UTF-8). */
export function readJsonText(path: string, what: string): string {
  return readRegularFile(path, what, MAX_JSON_BYTES).toString("utf8");
}
