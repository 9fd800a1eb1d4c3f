import { IdxFormatError } from "./errors";

/** True if `bytes` starts with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses gzip bytes with the web platform's `DecompressionStream` (browsers and
 * Node ≥ 18), so the browser entry needs no zlib. A truncated or corrupt stream throws
 * an `IdxFormatError` with code "gzip" rather than returning part of the data.
 */
export async function gunzip(bytes: Uint8Array, source = "gzip data"): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw gzipError(source, error);
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
