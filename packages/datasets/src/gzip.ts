import { IdxFormatError } from "./errors";
import { checkMaxBytes, DEFAULT_MAX_BYTES, formatBytes, sizeLimitParts } from "./limits";

/** True if `bytes` starts with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Limits for {@link gunzip}. */
export interface GunzipOptions {
  /** The most bytes the output may reach; default DEFAULT_MAX_BYTES (1 GiB). */
  readonly maxBytes?: number;
}

/**
 * Decompresses gzip bytes with the web platform's `DecompressionStream` (browsers and
 * Node ≥ 18), so the browser entry needs no zlib. A truncated or corrupt stream throws
 * an `IdxFormatError` with code "gzip" rather than returning part of the data; output
 * beyond `maxBytes` stops the decompression and throws one with code "size-limit".
 * For IDX files, `parseIdxFile` stops earlier: at the length the header declares.
 */
export async function gunzip(
  bytes: Uint8Array,
  source = "gzip data",
  options: GunzipOptions = {},
): Promise<Uint8Array> {
  const maxBytes = checkMaxBytes(options.maxBytes, "gunzip", DEFAULT_MAX_BYTES);
  const chunks: Uint8Array[] = [];
  let length = 0;
  await inflateChunks(bytes, source, (chunk) => {
    length += chunk.length;
    if (length > maxBytes) {
      const found = `more than ${formatBytes(maxBytes)} after decompression (stopped there)`;
      throw new IdxFormatError("size-limit", sizeLimitParts(source, found, maxBytes));
    }
    chunks.push(chunk);
  });
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Feeds the decompressed bytes to `onChunk` as they come (a few KiB at a time). When
 * `onChunk` throws, the decompression is cancelled and the error passed on: nothing more
 * is inflated, which is what makes a decompression bomb cheap to refuse.
 */
export async function inflateChunks(
  bytes: Uint8Array,
  source: string,
  onChunk: (chunk: Uint8Array) => void,
): Promise<void> {
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = new Blob([bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream("gzip"))
      .getReader();
  } catch (error) {
    throw gzipError(source, error);
  }
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (error) {
      throw gzipError(source, error);
    }
    if (next.done) return;
    try {
      onChunk(next.value);
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
  }
}

/** The error for a gzip stream that fails to decompress (shared with the Node entry's zlib path). */
export function gzipError(source: string, error: unknown): IdxFormatError {
  return new IdxFormatError(
    "gzip",
    {
      context: source,
      expected: "a complete gzip stream",
      found: `a stream that fails to decompress (${(error as Error).message})`,
      hint: "the file is truncated or corrupt: download it again",
    },
    { cause: error },
  );
}
