import type { Matrix } from "@backprop/linalg";
import { type ActivatedLayer, isActivatedLayer, type Layer, LayerNetwork } from "@backprop/network";
import { type Summary, summary } from "./summary";

/** What one layer did for one sample, copied as the network's own backprop ran it. */
export interface LayerStep {
  /** The layer itself. */
  layer: Layer;
  /** aˡ⁻¹, the layer's input. */
  input: Matrix;
  /** aˡ, its output. */
  output: Matrix;
  /** zˡ, for a layer with an activation (dense, conv2d). */
  z?: Matrix;
  /** ∂C/∂aˡ handed to `backward` by the layer above (or ∇ₐC at an output layer without z). */
  gradOut?: Matrix;
  /** δˡ = ∂C/∂zˡ handed to `backwardFromZ`: BP1's δᴸ at the output layer. */
  deltaZ?: Matrix;
  /** ∂C/∂aˡ⁻¹, what the layer hands down (BP2, generalised). */
  gradIn?: Matrix;
  /** ∂C/∂ each parameter (BP3, BP4), as the layer filled its `gradients`. */
  gradients: Matrix[];
}

/**
 * One sample (x, y) through `network.backprop`, the one loop that walks the layers
 * backwards, with each layer wrapped to copy what passes through it: the wrappers call the
 * layers' own forward, backward and backwardFromZ and change nothing, except that
 * - forward runs as at prediction (training false: dropout scales instead of dropping), so
 *   the sample is explained as `predict` sees it;
 * - every layer is asked for ∂C/∂a of its input, even the first (training skips that one),
 *   to show BP2's form for it too.
 */
export function traceLayers(network: LayerNetwork, x: Matrix, y: Matrix): LayerStep[] {
  const steps = network.layers.map((layer) => ({ layer, gradients: [] }) as unknown as LayerStep);
  const layers = network.layers.map((layer, l) => recording(layer, steps[l]));
  new LayerNetwork({ layers, cost: network.cost }).backprop(x, y);
  for (const step of steps) step.gradients = step.layer.gradients.map((g) => g.clone());
  return steps;
}

/** `layer` with its passes copied into `step` (an ActivatedLayer stays one, so BP1 starts at z). */
function recording(layer: Layer, step: LayerStep): Layer {
  const copy = (m: Matrix | null) => m?.clone();
  const base: Layer = {
    kind: layer.kind,
    inputShape: layer.inputShape,
    outputShape: layer.outputShape,
    parameters: layer.parameters,
    gradients: layer.gradients,
    forward(input: Matrix): Matrix {
      const out = layer.forward(input, false);
      step.input = input.clone();
      step.output = out.clone();
      if (isActivatedLayer(layer)) step.z = copy(layer.z);
      return out;
    },
    backward(deltaOut: Matrix): Matrix | null {
      step.gradOut = deltaOut.clone();
      const deltaIn = layer.backward(deltaOut, true);
      step.gradIn = copy(deltaIn);
      return deltaIn;
    },
  };
  if (!isActivatedLayer(layer)) return base;
  const activated: ActivatedLayer = {
    ...base,
    activation: layer.activation,
    get z() {
      return layer.z;
    },
    get a() {
      return layer.a;
    },
    backwardFromZ(delta: Matrix): Matrix | null {
      step.deltaZ = delta.clone();
      const deltaIn = layer.backwardFromZ(delta, true);
      step.gradIn = copy(deltaIn);
      return deltaIn;
    },
  };
  return activated;
}

/** How many entries of m are not 0 (where max pooling routed δ). */
export function nonZero(m: Matrix): number {
  let count = 0;
  for (const v of m.data) if (v !== 0) count++;
  return count;
}

/** One layer of explain's --json record: summaries of what each pass computed. */
export function stepRecord(step: LayerStep, l: number): Record<string, unknown> {
  const { layer } = step;
  const maybe = (name: string, m: Matrix | undefined) => (m ? { [name]: summary(m) } : {});
  const routed =
    layer.kind === "maxPool" && step.gradIn
      ? { routed: { received: nonZero(step.gradIn), total: step.gradIn.data.length } }
      : {};
  return {
    layer: l,
    kind: layer.kind,
    inputShape: layer.inputShape,
    outputShape: layer.outputShape,
    a: summary(step.output),
    ...maybe("z", step.z),
    ...maybe("delta", step.deltaZ),
    ...maybe("gradOut", step.gradOut),
    ...maybe("gradIn", step.gradIn),
    gradients: step.gradients.map((g): { shape: string } & Summary => ({
      shape: `${g.rows}×${g.cols}`,
      ...summary(g),
    })),
    ...routed,
  };
}
