import { inflateChunks, isGzip } from "./gzip";
import { IdxChunkCollector } from "./idx-chunk-collector";
import type { IdxTensor } from "./idx-types";
import { checkMaxBytes, DEFAULT_MAX_BYTES } from "./limits";
import { parseIdx } from "./parse-idx";

/** Options of {@link parseIdxFile}: a name for errors and the size limit. */
export interface ParseIdxFileOptions {
  /** Names the data in error messages (a file name or URL); default "IDX data". */
  readonly source?: string;
  /**
   * The longest IDX file accepted after decompression (header + values), in bytes; default
   * DEFAULT_MAX_BYTES (1 GiB). Raise it for larger data sets; Infinity turns it off.
   */
  readonly maxBytes?: number;
}

/**
 * An IDX file's bytes as stored or served, plain or gzip (browser-safe: `DecompressionStream`).
 * Gzip data is inflated chunk by chunk and checked as it comes: its header first, against
 * `maxBytes`, then its length, against the header, so hostile input fails early and cheaply.
 * Every failure is an IdxFormatError.
 */
export async function parseIdxFile(
  bytes: Uint8Array,
  options: ParseIdxFileOptions = {},
): Promise<IdxTensor> {
  const source = options.source ?? "IDX data";
  const maxBytes = checkMaxBytes(options.maxBytes, "parseIdxFile", DEFAULT_MAX_BYTES);
  if (!isGzip(bytes)) return parseIdx(bytes, source, { maxBytes });
  const collector = new IdxChunkCollector(source, maxBytes);
  await inflateChunks(bytes, source, (chunk) => collector.push(chunk));
  return parseIdx(collector.finish(), source, { maxBytes });
}
