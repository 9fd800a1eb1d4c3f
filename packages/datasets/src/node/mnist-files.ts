import { existsSync } from "node:fs";
import { join } from "node:path";
import { MNIST_FILES, type MnistFile } from "../mnist";

/**
 * Absolute paths of MNIST's four files in `dir`; a name with ".gz" is taken if only it
 * exists. (The bundled copy's folder is `mnistDataDir()` of @backprop/mnist.)
 */
export function mnistFiles(dir: string): Record<MnistFile, string> {
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
