import { gzipSync } from "node:zlib";
import { DatasetError, type IdxTensor, parseIdxFile, writeIdx } from "@backprop/datasets";
import { loadIdxBytes } from "@backprop/datasets/node";
import type { FuzzTarget } from "../target";

/** Small valid IDX files of every element type, 1 to 3 dimensions. */
function plainSeeds(): Uint8Array[] {
  const tensors: IdxTensor[] = [
    { type: "ubyte", dims: [2, 2, 3], data: Uint8Array.from({ length: 12 }, (_, i) => i * 21) },
    { type: "ubyte", dims: [5], data: Uint8Array.of(0, 1, 9, 3, 7) },
    { type: "byte", dims: [2, 2], data: Int8Array.of(-128, -1, 0, 127) },
    { type: "short", dims: [3], data: Int16Array.of(-32768, 0, 32767) },
    { type: "int", dims: [2, 1], data: Int32Array.of(-(2 ** 31), 2 ** 31 - 1) },
    { type: "float", dims: [2], data: Float32Array.of(0.5, -3e38) },
    { type: "double", dims: [1, 2], data: Float64Array.of(Math.PI, -1e-300) },
  ];
  return tensors.map(writeIdx);
}

/**
 * What the tensor promises its user: as many values as its dimensions hold. A broken
 * promise is thrown as a plain Error, which the runner counts as a crash.
 */
function checkTensor(tensor: IdxTensor): void {
  const count = tensor.dims.reduce((a, b) => a * b, 1);
  if (tensor.data.length !== count) {
    throw new Error(`IDX: ${tensor.data.length} values for dimensions ${tensor.dims.join("×")}`);
  }
}

/**
 * IDX files as `--dataset IMAGES.idx,LABELS.idx` reads them, plain or gzip: through both
 * gzip paths, the browser-safe one (`parseIdxFile`, DecompressionStream) and the Node one
 * (`loadIdxBytes`, zlib, what `loadIdx` uses), each with its inflation bounded by the header.
 */
const idxTarget: FuzzTarget = {
  name: "idx",
  seeds() {
    const plain = plainSeeds();
    return [...plain, ...plain.map((bytes) => new Uint8Array(gzipSync(bytes)))];
  },
  async run(input) {
    const results = await Promise.allSettled([parseIdxFile(input), loadIdxBytes(input)]);
    const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    // An untyped failure of either path is the one to report.
    const worst = failures.find((e) => !(e instanceof DatasetError)) ?? failures[0];
    if (worst !== undefined) throw worst;
    for (const result of results) if (result.status === "fulfilled") checkTensor(result.value);
  },
  isTyped: (error) => error instanceof DatasetError,
};

export default idxTarget;
