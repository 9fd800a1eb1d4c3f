import { TfjsFormatError } from "./errors";

/**
 * The weights of a TensorFlow.js model: the manifest's specs, in order, laid over the bytes
 * of its weight files concatenated. Every spec is checked (float32, no quantisation, whole
 * dims) and the bytes they need are added up and compared with the bytes given BEFORE any
 * weight is read: a manifest declaring [1e9, 1e9] over a 16-byte file costs a sum.
 */

/** The most elements one weight may declare (a Matrix holds at most 2³¹ − 1 numbers). */
const MAX_ELEMENTS = 2 ** 31 - 1;

/** One weight: its shape and its float32 values (a copy). */
export interface TfjsWeight {
  /** As in the manifest. */
  shape: number[];
  /** The values, row-major. */
  values: Float32Array;
}

/** The weights by name. */
export function readWeights(
  manifest: unknown,
  data: ArrayBuffer | Uint8Array,
): Map<string, TfjsWeight> {
  const where = "weightsManifest";
  if (!Array.isArray(manifest))
    throw new TfjsFormatError(where, "is missing or not a list of weight groups");
  const specs: { name: string; shape: number[] }[] = [];
  let total = 0;
  manifest.forEach((group, g) => {
    const weights = (group as { weights?: unknown })?.weights;
    if (!Array.isArray(weights))
      throw new TfjsFormatError(`${where}[${g}]`, "has no list of weights");
    weights.forEach((spec, s) => {
      const at = `${where}[${g}].weights[${s}]`;
      const { name, shape, dtype, quantization } = (spec ?? {}) as Record<string, unknown>;
      if (typeof name !== "string") throw new TfjsFormatError(at, "has no name");
      if (dtype !== "float32" || quantization !== undefined) {
        throw new TfjsFormatError(
          at,
          `(${name}) is ${quantization !== undefined ? "quantised" : `of dtype ${JSON.stringify(dtype)}`}; only float32 weights are read`,
        );
      }
      if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
        throw new TfjsFormatError(
          at,
          `(${name}) has shape ${JSON.stringify(shape)}; expected whole numbers ≥ 0`,
        );
      }
      const count = shape.reduce((n: number, d: number) => n * d, 1);
      if (count > MAX_ELEMENTS) {
        throw new TfjsFormatError(
          at,
          `(${name}) declares shape [${shape}], more than ${MAX_ELEMENTS} numbers`,
        );
      }
      specs.push({ name, shape });
      total += count;
    });
  });
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.byteLength !== total * 4) {
    throw new TfjsFormatError(
      where,
      `declares ${total} float32 weights (${total * 4} bytes) but the weight files hold ${bytes.byteLength} bytes`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights = new Map<string, TfjsWeight>();
  let offset = 0;
  for (const { name, shape } of specs) {
    const values = new Float32Array(shape.reduce((n, d) => n * d, 1));
    for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(offset + i * 4, true);
    offset += values.length * 4;
    weights.set(name, { shape, values });
  }
  return weights;
}
