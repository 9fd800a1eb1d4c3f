import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { DatasetError } from "../errors";
import { formatBytes, sizeLimitParts } from "../limits";

/**
 * The bytes of a file, if it has at most `maxBytes`. A regular file's size is checked
 * before anything is read; anything else (a pipe, /dev/zero) is read with a running count
 * and stopped as soon as it passes the limit, so no path makes the process read forever.
 */
export async function readFileWithin(path: string, maxBytes: number): Promise<Uint8Array> {
  const info = await stat(path);
  if (info.isFile()) {
    if (info.size > maxBytes) throw tooLarge(path, formatBytes(info.size), maxBytes);
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  const chunks: Buffer[] = [];
  let length = 0;
  const stream = createReadStream(path);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > maxBytes) throw tooLarge(path, `more than ${formatBytes(maxBytes)}`, maxBytes);
      chunks.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  const buffer = Buffer.concat(chunks, length);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function tooLarge(path: string, size: string, maxBytes: number): DatasetError {
  return new DatasetError("size-limit", sizeLimitParts(path, size, maxBytes));
}
