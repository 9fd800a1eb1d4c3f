/**
 * The Node entry of `@backprop/datasets`: loaders that read files (IDX, CSV, MNIST from a
 * folder), gunzip with zlib, and a download cache. The bundled MNIST is @backprop/mnist.
 *
 * @module @backprop/datasets/node
 */
// The Node entry: what needs the filesystem or zlib. Everything
// browser-safe (parsing, batches, generators, errors) comes from "@backprop/datasets".
export type { DownloadOptions } from "./node/download-cache";
export { cachedDownload, cachePath, defaultCacheDir } from "./node/download-cache";
export type { LoadCsvOptions } from "./node/load-csv";
export { loadCsv } from "./node/load-csv";
export { loadIdx, loadIdxBytes, loadIdxDataset, readSource } from "./node/load-idx";
export type { LoadMnistOptions } from "./node/load-mnist";
export { loadMnist } from "./node/load-mnist";
export { mnistFiles } from "./node/mnist-files";
