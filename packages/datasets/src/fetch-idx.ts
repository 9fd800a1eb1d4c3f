import type { ClassificationData } from "./classification-data";
import { type FetchBytesOptions, type FetchFunction, fetchBytes } from "./fetch-bytes";
import { type IdxDatasetOptions, idxClassification } from "./idx-dataset";
import type { IdxTensor } from "./idx-types";
import { parseIdxFile } from "./parse-idx-file";
import { verifySha256 } from "./sha256";

/** How {@link fetchIdx} downloads and checks one IDX file (plain or gzip). */
export interface FetchIdxOptions extends FetchBytesOptions {
  /** The expected SHA-256 of the bytes as served (of the .gz file if compressed). */
  readonly sha256?: string;
  /** The fetch to use instead of the global one (see FetchFunction). */
  readonly fetch?: FetchFunction;
  /**
   * The largest download and the largest IDX file after decompression, each in bytes;
   * default DEFAULT_MAX_BYTES (1 GiB). A gzip file stops inflating at its declared length.
   */
  readonly maxBytes?: number;
}

/**
 * An IDX file from a URL (browser-safe): fetched (with an idle timeout, `timeoutMs`),
 * checked against `sha256` if given, decompressed if it is gzip, parsed. Browsers keep their
 * own HTTP cache; Node code that wants a cache folder uses `loadIdx` from
 * "@backprop/datasets/node".
 */
export async function fetchIdx(url: string, options: FetchIdxOptions = {}): Promise<IdxTensor> {
  const bytes = await fetchBytes(url, options);
  if (options.sha256 !== undefined) await verifySha256(bytes, options.sha256, url);
  return parseIdxFile(bytes, { source: url, maxBytes: options.maxBytes });
}

/** The two files of a labelled IDX data set, as URLs, paths or digests (T). */
export interface IdxDatasetSources<T> {
  /** The images file (n × d1 × d2 … values, e.g. train-images-idx3-ubyte). */
  readonly images: T;
  /** The labels file (n class indices, e.g. train-labels-idx1-ubyte). */
  readonly labels: T;
}

/**
 * A labelled IDX data set (e.g. Fashion-MNIST) from two URLs: images and labels.
 * `sha256` holds the expected digests of the files you know them for; `fetch`,
 * `timeoutMs` and `maxBytes` apply to both, as in `fetchIdx`.
 */
export async function fetchIdxDataset(
  urls: IdxDatasetSources<string>,
  options: IdxDatasetOptions &
    Omit<FetchIdxOptions, "sha256"> & {
      readonly sha256?: Partial<IdxDatasetSources<string>>;
    },
): Promise<ClassificationData> {
  const { sha256, classes, ...fetching } = options;
  const [images, labels] = await Promise.all([
    fetchIdx(urls.images, { ...fetching, sha256: sha256?.images }),
    fetchIdx(urls.labels, { ...fetching, sha256: sha256?.labels }),
  ]);
  return idxClassification(images, labels, { classes, sources: urls });
}
