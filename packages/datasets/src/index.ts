/**
 * Data for training networks, browser-safe: IDX and CSV parsing, MNIST from URLs, seeded
 * synthetic sets, normalisation, splits, and allocation-free mini-batches (one sample per
 * column).
 *
 * @module @backprop/datasets
 */
// The browser-safe entry: nothing here imports a Node built-in. Filesystem paths, zlib
// and the download cache live in "@backprop/datasets/node"; the bundled MNIST files in
// @backprop/mnist. Mini-batches (batches, fillSample) are @backprop/linalg's, over the
// LabelledSamples shape that ClassificationData has (so training needs no data-set
// package), and are exported here too.
export type { Batch, Batches, BatchOptions } from "@backprop/linalg";
export { batches, fillSample } from "@backprop/linalg";
export type { ClassificationDataInit, InputArray, LabelArray } from "./classification-data";
export { ClassificationData } from "./classification-data";
export { MAX_INFERRED_CLASSES } from "./csv-labels";
export type { CsvLocation, DatasetErrorCode, DatasetErrorParts } from "./errors";
export { ChecksumError, CsvParseError, DatasetError, IdxFormatError } from "./errors";
export { expandByShifts } from "./expand-shifted";
export type { FetchBytesOptions, FetchFunction } from "./fetch-bytes";
export { fetchBytes } from "./fetch-bytes";
export type { FetchIdxOptions, IdxDatasetSources } from "./fetch-idx";
export { fetchIdx, fetchIdxDataset } from "./fetch-idx";
export type { GunzipOptions } from "./gzip";
export { gunzip, isGzip } from "./gzip";
export type { IdxDatasetOptions } from "./idx-dataset";
export { idxClassification } from "./idx-dataset";
export type { IdxData, IdxTensor, IdxType } from "./idx-types";
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_CSV_BYTES, DEFAULT_TIMEOUT_MS } from "./limits";
export type { BlobsOptions } from "./make-blobs";
export { makeBlobs } from "./make-blobs";
export type { CirclesOptions } from "./make-circles";
export { makeCircles } from "./make-circles";
export { makeMoons } from "./make-moons";
export type { SpiralsOptions } from "./make-spirals";
export { makeSpirals } from "./make-spirals";
export { makeXor } from "./make-xor";
export type {
  FetchMnistOptions,
  MnistData,
  MnistFile,
  MnistFullSplit,
  MnistOptions,
  MnistSeedSplit,
  MnistSplit,
} from "./mnist";
export { fetchMnist, MNIST_FILES, MNIST_VALIDATION_SIZE, mnistFromIdx } from "./mnist";
export { toMnistInput } from "./mnist-input";
export type { FeatureStats } from "./normalize";
export { minMaxStats, normalize, standardStats } from "./normalize";
export { oneHot } from "./one-hot";
export type { CsvOptions } from "./parse-csv";
export { parseCsv } from "./parse-csv";
export type { ParseIdxOptions } from "./parse-idx";
export { parseIdx } from "./parse-idx";
export type { ParseIdxFileOptions } from "./parse-idx-file";
export { parseIdxFile } from "./parse-idx-file";
export { sha256Hex, verifySha256 } from "./sha256";
export type { Split, SplitOptions } from "./split-data";
export { splitData } from "./split-data";
export type { SyntheticOptions } from "./synthetic";
export { writeIdx } from "./write-idx";
