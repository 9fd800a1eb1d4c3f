import { createGunzip } from "node:zlib";
import { gzipError } from "../gzip";
import { IdxChunkCollector } from "../idx-chunk-collector";

/**
 * Inflates a gzip IDX file with zlib, chunk by chunk, into an IdxChunkCollector: the
 * header is checked against `maxBytes` as soon as it is out, and the stream is destroyed
 * at the first byte past the declared length, so a bomb stops where it goes wrong.
 */
export function gunzipIdx(
  bytes: Uint8Array,
  source: string,
  maxBytes: number,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const collector = new IdxChunkCollector(source, maxBytes);
    const inflate = createGunzip({ chunkSize: 64 * 1024 });
    const fail = (error: unknown) => {
      inflate.destroy();
      reject(error);
    };
    inflate.on("data", (chunk: Buffer) => {
      try {
        collector.push(chunk);
      } catch (error) {
        fail(error);
      }
    });
    inflate.on("error", (error) => fail(gzipError(source, error)));
    inflate.on("end", () => {
      try {
        const bytes = collector.finish(); // a Buffer when it is one zlib chunk: unwrap it
        resolve(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      } catch (error) {
        fail(error);
      }
    });
    inflate.end(bytes);
  });
}
