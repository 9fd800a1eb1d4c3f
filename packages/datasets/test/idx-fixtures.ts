import type { Rng } from "@backprop/linalg";
import type { IdxData, IdxTensor, IdxType } from "../src/idx-types";

export const ALL_TYPES: IdxType[] = ["ubyte", "byte", "short", "int", "float", "double"];

/** Random values that each type holds exactly. */
export function randomTensor(type: IdxType, dims: number[], rng: Rng): IdxTensor {
  const n = dims.reduce((a, b) => a * b, 1);
  const data: IdxData = {
    ubyte: () => Uint8Array.from({ length: n }, () => rng.integer(256)),
    byte: () => Int8Array.from({ length: n }, () => rng.integer(256) - 128),
    short: () => Int16Array.from({ length: n }, () => rng.integer(65536) - 32768),
    int: () => Int32Array.from({ length: n }, () => rng.nextUint32() | 0),
    float: () => Float32Array.from({ length: n }, () => rng.normal(0, 1e3)),
    double: () => Float64Array.from({ length: n }, () => rng.normal(0, 1e6)),
  }[type]();
  return { type, dims, data };
}

/** A small labelled IDX pair: one 2×3 byte image per label, and the labels. */
export function tinyImagesAndLabels(labels: number[]): { images: IdxTensor; labels: IdxTensor } {
  const n = labels.length;
  return {
    images: {
      type: "ubyte",
      dims: [n, 2, 3],
      data: Uint8Array.from({ length: n * 6 }, (_, i) => (i * 37) % 256),
    },
    labels: { type: "ubyte", dims: [n], data: Uint8Array.from(labels) },
  };
}
