// One small training run and the SHA-256 of every weight and bias it ends with, written once
// and run by Node, Bun, Deno (run.mjs) and Chromium (bundled by same-weights.test.ts): the
// seed's 784-30-10 sigmoid network, 2 epochs of SGD over the first 2,000 MNIST training
// images, fixed seeds. With the same seed every runtime must end with the same bits: the
// random stream is integer arithmetic, the WebAssembly kernels are IEEE-754, and exp, log,
// sin and cos come from @backprop/linalg, not from the engine's Math.
import { ClassificationData } from "@backprop/datasets";
import { Network } from "@backprop/network";
import { train } from "@backprop/optimizers";

export const SAMPLES = 2000;
export const PIXELS = 784;

/** `pixels`: SAMPLES × 784 bytes (MNIST's images, as stored); `labels`: SAMPLES bytes. */
export async function trainAndHash(pixels, labels) {
  const data = new ClassificationData({
    inputs: pixels,
    labels,
    features: PIXELS,
    classes: 10,
    sampleShape: [28, 28],
  });
  const network = new Network({ sizes: [PIXELS, 30, 10], seed: 20240607 });
  train(network, data, { epochs: 2, batchSize: 10, eta: 3, seed: 7 });
  const parameters = [...network.weights, ...network.biases];
  const count = parameters.reduce((n, m) => n + m.data.length, 0);
  const bytes = new Uint8Array(8 * count);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const m of parameters) {
    for (const v of m.data) {
      view.setFloat64(offset, v, true); // little-endian on every host
      offset += 8;
    }
  }
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", bytes));
  return {
    sha256: Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""),
    parameters: count,
    firstWeight: network.weights[0].data[0],
  };
}
