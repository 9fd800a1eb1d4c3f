/**
 * A file the CLI was asked to read or write cannot be used as it is: not there, not a
 * regular file, too large, or a place it cannot write. The message names the flag or
 * argument, the path, and what to do.
 */
export class FileAccessError extends Error {
  override readonly name = "FileAccessError";
}
