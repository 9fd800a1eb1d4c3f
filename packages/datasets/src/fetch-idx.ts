import type { ClassificationData } from "./classification-data";
import { type FetchFunction, fetchBytes } from "./fetch-bytes";
import { gunzip, isGzip } from "./gzip";
import { type IdxDatasetOptions, idxClassification } from "./idx-dataset";
import type { IdxTensor } from "./idx-types";
import { parseIdx } from "./parse-idx";
import { verifySha256 } from "./sha256";

export interface FetchIdxOptions {
  /** The expected SHA-256 of the bytes as served (of the .gz file if compressed). */
  readonly sha256?: string;
  readonly fetch?: FetchFunction;
}

/**
 * An IDX file from a URL (browser-safe): fetched, checked against `sha256` if given,
 * decompressed if it is gzip, parsed. Browsers keep their own HTTP cache; Node code that
 * wants a cache folder uses `loadIdx` from "@backprop/datasets/node".
 */
export async function fetchIdx(url: string, options: FetchIdxOptions = {}): Promise<IdxTensor> {
  const bytes = await fetchBytes(url, options.fetch);
  if (options.sha256 !== undefined) await verifySha256(bytes, options.sha256, url);
  return parseIdx(isGzip(bytes) ? await gunzip(bytes, url) : bytes, url);
}

export interface IdxDatasetSources<T> {
  readonly images: T;
  readonly labels: T;
}

/** A labelled IDX data set (e.g. Fashion-MNIST) from two URLs: images and labels. */
export async function fetchIdxDataset(
  urls: IdxDatasetSources<string>,
  options: IdxDatasetOptions & {
    readonly sha256?: Partial<IdxDatasetSources<string>>;
    readonly fetch?: FetchFunction;
  },
): Promise<ClassificationData> {
  const [images, labels] = await Promise.all([
    fetchIdx(urls.images, { sha256: options.sha256?.images, fetch: options.fetch }),
    fetchIdx(urls.labels, { sha256: options.sha256?.labels, fetch: options.fetch }),
  ]);
  return idxClassification(images, labels, { classes: options.classes, sources: urls });
}
