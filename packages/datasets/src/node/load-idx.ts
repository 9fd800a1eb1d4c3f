import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gunzip as zlibGunzip } from "node:zlib";
import type { ClassificationData } from "../classification-data";
import type { IdxDatasetSources } from "../fetch-idx";
import { gzipError, isGzip } from "../gzip";
import { type IdxDatasetOptions, idxClassification } from "../idx-dataset";
import type { IdxTensor } from "../idx-types";
import { parseIdx } from "../parse-idx";
import { verifySha256 } from "../sha256";
import { cachedDownload, type DownloadOptions } from "./download-cache";

const inflate = promisify(zlibGunzip);

/** True for http(s) URLs, which are downloaded; anything else is a path or a file: URL. */
function isRemote(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** The bytes of a path, file: URL or http(s) URL (cached), checked against `sha256` if given. */
export async function readSource(
  source: string,
  options: DownloadOptions = {},
): Promise<Uint8Array> {
  if (isRemote(source)) return cachedDownload(source, options);
  const path = source.startsWith("file:") ? fileURLToPath(source) : source;
  const buffer = await readFile(path);
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
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
 * An IDX file from a path or URL (Node): plain or gzip (decompressed with zlib), from the
 * cache folder for URLs, checked against `sha256` (of the bytes as stored) if given.
 */
export async function loadIdx(source: string, options: DownloadOptions = {}): Promise<IdxTensor> {
  const bytes = await readSource(source, options);
  if (!isGzip(bytes)) return parseIdx(bytes, source);
  let plain: Uint8Array;
  try {
    plain = await inflate(bytes);
  } catch (error) {
    throw gzipError(source, error);
  }
  return parseIdx(plain, source);
}

/**
 * A labelled IDX data set (Fashion-MNIST, EMNIST, your own) from two paths or URLs.
 * `sha256` holds the expected digests of the files you know them for.
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
