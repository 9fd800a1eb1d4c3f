import {
  checkIdxLimit,
  describeIdxLength,
  type IdxHeader,
  idxError,
  MAX_IDX_HEADER_BYTES,
  readIdxHeader,
} from "./idx-header";

/**
 * Gathers an IDX file as a decompressor produces it, chunk by chunk, so that a gzip bomb
 * (1 MB that inflates to 1 GiB) costs no more than the file it claims to be:
 * - the header is read from the first bytes out, and a declared length above `maxBytes`
 *   fails there, before anything more is inflated or allocated;
 * - once the length is known, the first chunk that would pass it fails (bytes beyond the
 *   declared data are an error anyway), so the decompressor can be stopped at once.
 * Memory is what has actually arrived, never what the header declares.
 */
export class IdxChunkCollector {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;
  private header: IdxHeader | undefined;

  constructor(
    private readonly source: string,
    private readonly maxBytes: number,
  ) {}

  /** Adds decompressed bytes; throws an IdxFormatError as soon as the file cannot be valid. */
  push(chunk: Uint8Array): void {
    const length = this.length + chunk.length;
    if (this.header !== undefined && length > this.header.totalBytes) throw this.overrun();
    this.chunks.push(chunk);
    this.length = length;
    if (this.header === undefined) this.readHeader();
  }

  /** The whole file, once the decompressor has finished (parseIdx checks that it is complete). */
  finish(): Uint8Array {
    return this.prefix(this.length);
  }

  private readHeader(): void {
    this.header = readIdxHeader(
      this.prefix(Math.min(this.length, MAX_IDX_HEADER_BYTES)),
      this.source,
    );
    if (this.header === undefined) return;
    checkIdxLimit(this.header, this.source, this.maxBytes);
    if (this.length > this.header.totalBytes) throw this.overrun();
  }

  private overrun() {
    const header = this.header!;
    return idxError(
      this.source,
      "idx-trailing-bytes",
      describeIdxLength(header),
      `more than ${header.totalBytes} bytes after decompression (stopped there)`,
      "the header's dimensions do not match the data: the file is corrupt",
    );
  }

  /** The first `n` bytes gathered, in one array (a view when they are all in the first chunk). */
  private prefix(n: number): Uint8Array {
    const first = this.chunks[0] ?? new Uint8Array(0);
    if (n <= first.length) return first.subarray(0, n);
    const out = new Uint8Array(n);
    let at = 0;
    for (const chunk of this.chunks) {
      if (at >= n) break;
      const part = chunk.subarray(0, n - at);
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}
