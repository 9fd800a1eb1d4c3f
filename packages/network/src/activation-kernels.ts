import { type Activation, relu, sigmoid } from "@backprop/activations";
import { type Matrix, reluBackwardInto, reluInto, sigmoidInto } from "@backprop/linalg";

/**
 * The built-in relu and sigmoid through linalg's WebAssembly SIMD kernels. The activations
 * themselves stay plain JS (so `import { sigmoid }` bundles small); the seed's Network and
 * the layers, which carry the kernels anyway for their products, run them here. The kernels store the bits of the
 * activations' own loops (tested in linalg and in activation-kernels.test.ts), so which
 * path runs never shows in the numbers. Every other activation, users' own included, runs
 * its `fn` and `backward` as written.
 */

/** a ← σ(z). */
export function activate(activation: Activation, z: Matrix, a: Matrix): void {
  if (activation === relu) reluInto(z.data, a.data);
  else if (activation === sigmoid) sigmoidInto(z.data, a.data);
  else activation.fn(z, a);
}

/**
 * δ ← g ⊙ σ′(z) (BP1/BP2's product): relu's g·[z > 0] in the kernel; the others through
 * `activation.backward` (sigmoid's is a(1 − a)·g, a plain loop with no branch or exp).
 */
export function activationBackward(
  activation: Activation,
  z: Matrix,
  a: Matrix,
  g: Matrix,
  out: Matrix,
  scratch: Matrix,
): void {
  if (activation === relu) reluBackwardInto(z.data, g.data, out.data);
  else activation.backward(z, a, g, out, scratch);
}
