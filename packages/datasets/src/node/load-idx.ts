import { fileURLToPath } from "node:url";
import type { ClassificationData } from "../classification-data";
import type { IdxDatasetSources } from "../fetch-idx";
import { isGzip } from "../gzip";
import { type IdxDatasetOptions, idxClassification } from "../idx-dataset";
import type { IdxTensor } from "../idx-types";
import { checkMaxBytes, DEFAULT_MAX_BYTES } from "../limits";
import { parseIdx } from "../parse-idx";
import type { ParseIdxFileOptions } from "../parse-idx-file";
import { verifySha256 } from "../sha256";
import { cachedDownload, type DownloadOptions } from "./download-cache";
import { gunzipIdx } from "./gunzip-idx";
import { readFileWithin } from "./read-within";

/** True for http(s) URLs, which are downloaded; anything else is a path or a file: URL. */
function isRemote(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * The bytes of a path, file: URL or http(s) URL (cached), checked against `sha256` if given.
 * A file or download larger than `maxBytes` (default 1 GiB) fails before it is read.
 */
export async function readSource(
  source: string,
  options: DownloadOptions = {},
): Promise<Uint8Array> {
  if (isRemote(source)) return cachedDownload(source, options);
  const path = source.startsWith("file:") ? fileURLToPath(source) : source;
  const maxBytes = checkMaxBytes(options.maxBytes, "readSource", DEFAULT_MAX_BYTES);
  const bytes = await readFileWithin(path, maxBytes);
  if (options.sha256 !== undefined) {
    await verifySha256(
      bytes,
      options.sha256,
      path,
      "the file is corrupt or has changed: replace it, or update the expected digest",
    );
  }
  return bytes;
}

/**
 * An IDX file's bytes as stored, plain or gzip (Node: zlib), as `loadIdx` reads a file. Gzip
 * data is inflated chunk by chunk and stops at the first sign of trouble: a header declaring
 * more than `maxBytes` (default 1 GiB), or output past the declared length.
 */
export async function loadIdxBytes(
  bytes: Uint8Array,
  options: ParseIdxFileOptions = {},
): Promise<IdxTensor> {
  const source = options.source ?? "IDX data";
  const maxBytes = checkMaxBytes(options.maxBytes, "loadIdxBytes", DEFAULT_MAX_BYTES);
  const plain = isGzip(bytes) ? await gunzipIdx(bytes, source, maxBytes) : bytes;
  return parseIdx(plain, source, { maxBytes });
}

/**
 * An IDX file from a path or URL (Node): plain or gzip (decompressed with zlib), from the
 * cache folder for URLs, checked against `sha256` (of the bytes as stored) if given.
 * `maxBytes` (default 1 GiB) bounds the file as stored and the IDX data after decompression;
 * URLs also take `timeoutMs` (default 30 s without data), `cacheDir` and `fetch`.
 */
export async function loadIdx(source: string, options: DownloadOptions = {}): Promise<IdxTensor> {
  const bytes = await readSource(source, options);
  return loadIdxBytes(bytes, { source, maxBytes: options.maxBytes });
}

/**
 * A labelled IDX data set (Fashion-MNIST, EMNIST, your own) from two paths or URLs.
 * `sha256` holds the expected digests of the files you know them for (`{ images, labels }`,
 * either optional); the other options apply to both files, as in `loadIdx`.
 */
export async function loadIdxDataset(
  sources: IdxDatasetSources<string>,
  options: IdxDatasetOptions &
    Omit<DownloadOptions, "sha256"> & { readonly sha256?: Partial<IdxDatasetSources<string>> },
): Promise<ClassificationData> {
  const { sha256, classes, ...download } = options;
  const [images, labels] = await Promise.all([
    loadIdx(sources.images, { ...download, sha256: sha256?.images }),
    loadIdx(sources.labels, { ...download, sha256: sha256?.labels }),
  ]);
  return idxClassification(images, labels, { classes, sources });
}
