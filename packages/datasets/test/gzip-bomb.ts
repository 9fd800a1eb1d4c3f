import { constants, crc32, deflateRawSync } from "node:zlib";

/**
 * A valid gzip file of `head` followed by `mebibytes` MiB of zeros, built without ever
 * holding the zeros compressed in one piece: one MiB of zeros is deflated once (level 9,
 * ending in a sync flush, so it is a self-contained run of blocks) and repeated. Each copy
 * starts with a literal 0 and then copies the previous byte, so it decodes to zeros after
 * anything. 1 GiB comes out as about 1 MB; the CRC is computed, so only size gives it away.
 */
export function gzipBomb(head: Uint8Array, mebibytes: number): Uint8Array {
  const zeros = new Uint8Array(2 ** 20);
  const sync = { finishFlush: constants.Z_SYNC_FLUSH };
  const headBlocks = deflateRawSync(head, sync);
  const zeroBlocks = deflateRawSync(zeros, { ...sync, level: 9 });
  let crc = crc32(head);
  for (let i = 0; i < mebibytes; i++) crc = crc32(zeros, crc);
  const trailer = new DataView(new ArrayBuffer(8));
  trailer.setUint32(0, crc >>> 0, true);
  trailer.setUint32(4, (head.length + mebibytes * zeros.length) >>> 0, true); // size mod 2³²
  const parts = [
    Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255), // gzip header: deflate, no name
    headBlocks,
    ...Array.from({ length: mebibytes }, () => zeroBlocks),
    Uint8Array.of(3, 0), // an empty final block (fixed Huffman, end of block at once)
    new Uint8Array(trailer.buffer),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** An IDX header (no values) of `type` code and `dims`: 00 00 type rank, then the sizes. */
export function idxHeader(typeCode: number, dims: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(out.buffer);
  out[2] = typeCode;
  out[3] = dims.length;
  for (const [k, d] of dims.entries()) view.setUint32(4 + 4 * k, d, false);
  return out;
}
