/**
 * One sample through the conv net (conv-net.ts), forward then backward, keeping every
 * number the step-through shows. Every number comes from the layers' own `forward`,
 * `backward`, `backwardFromZ` and `gradients`, and BP1 from the cost's own `delta`, walked
 * in the order LayerNetwork.backprop walks them; only the copies are kept here, because a
 * layer refills its buffers on its next call. The unit test holds the gradients equal to
 * `LayerNetwork.backprop` on the same sample.
 *
 *   forward   conv: z = w ⋆ x + b, a = ReLU(z)   (8·24·24)
 *             pool: p = max over each 2×2 window  (8·12·12)
 *             dense: zᴸ = wᴸ·p + bᴸ, aᴸ = softmax(zᴸ)  (10)
 *   BP1       δᴸ = a − y                         (the log-likelihood's delta)
 *   BP3, BP4  ∂C/∂bᴸ = δᴸ, ∂C/∂wᴸ = δᴸ pᵀ
 *   BP2       ∂C/∂p = (wᴸ)ᵀ δᴸ                   (the dense layer's backward)
 *   pool      ∂C/∂a = δ routed to where each maximum was, 0 elsewhere
 *   conv      δ = ∂C/∂a ⊙ ReLU′(z); ∂C/∂b = Σ over positions δ; ∂C/∂w = x ⋆ δ
 */

import { Matrix } from "@backprop/linalg";
import type { ActivatedLayer, Conv2dLayer, LayerNetwork } from "@backprop/network";
import type { ConvTraceData } from "./protocol";

const copy = (m: Matrix | null): Float64Array => {
  if (!m) throw new Error("convTrace: a layer kept no memo; run forward first");
  return Float64Array.from(m.data);
};

/** The trace of sample x (784 × 1) with one-hot y (10 × 1). */
export function convTrace(
  network: LayerNetwork,
  x: Matrix,
  y: Matrix,
  index: number,
  label: number,
): ConvTraceData {
  const [convAny, pool, flat, outAny] = network.layers;
  const conv = convAny as Conv2dLayer;
  const out = outAny as ActivatedLayer;
  // Forward, as LayerNetwork.backprop's forward pass (training: no dropout here anyway).
  const convOut = conv.forward(x, true);
  const convZ = copy(conv.z);
  const convA = copy(convOut);
  const pooledOut = pool.forward(convOut, true);
  const pooled = copy(pooledOut);
  out.forward(flat.forward(pooledOut, true), true);
  const outZ = copy(out.z);
  const outA = copy(out.a);
  // BP1: the cost's delta at the last layer's z (softmax + log-likelihood: a − y).
  const z = out.z as Matrix;
  const deltaL = Matrix.zeros(z.rows, 1);
  network.cost.delta(z, out.a as Matrix, y, out.activation, deltaL, Matrix.zeros(z.rows, 1));
  // BP2 through the dense layer; it fills ∂C/∂bᴸ, ∂C/∂wᴸ on the way.
  const dPooledFlat = out.backwardFromZ(deltaL, true);
  const outNablaW = copy(out.gradients[0]);
  const outNablaB = copy(out.gradients[1]);
  const dPooled = flat.backward(dPooledFlat as Matrix, true) as Matrix;
  const poolDelta = copy(dPooled);
  // The pool routes δ to where each maximum was.
  const routed = copy(pool.backward(dPooled, true));
  // Which positions received δ: the pool's own routing of ones (1 where a maximum was).
  const ones = Matrix.zeros(dPooled.rows, 1);
  ones.data.fill(1);
  const receivedCounts = copy(pool.backward(ones, true));
  // The conv layer: δ = ∂C/∂a ⊙ σ′(z) by its activation's own backward, then BP3, BP4.
  const g = Matrix.fromFlat(routed.length, 1, routed);
  const delta = Matrix.zeros(routed.length, 1);
  conv.activation.backward(
    conv.z as Matrix,
    conv.a as Matrix,
    g,
    delta,
    Matrix.zeros(routed.length, 1),
  );
  conv.backwardFromZ(delta, false);
  return {
    index,
    label,
    input: Float64Array.from(x.data),
    convZ,
    convA,
    pooled,
    outZ,
    outA,
    deltaL: copy(deltaL),
    outNablaB,
    outNablaW,
    poolDelta,
    routed,
    received: Uint8Array.from(receivedCounts, (v) => (v > 0 ? 1 : 0)),
    convDelta: copy(delta),
    convNablaB: copy(conv.gradients[1]),
    convNablaW: copy(conv.gradients[0]),
  };
}
