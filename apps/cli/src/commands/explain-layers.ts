import type { ClassificationData } from "@backprop/datasets";
import { fillSample, Matrix } from "@backprop/linalg";
import type {
  ActivatedLayer,
  Conv2dLayer,
  Layer,
  LayerNetwork,
  PoolLayer,
  Shape3,
} from "@backprop/network";
import { formatShape } from "../model-data";
import type { Output } from "../output";
import { type LayerStep, nonZero, stepRecord, traceLayers } from "./layer-trace";
import { describeValues } from "./summary";

/**
 * `backprop explain --model` for a layer model: one test sample forward, then backward
 * through the layers, on the numbers the layers' own passes computed (layer-trace.ts),
 * naming the generalised equation behind each step (layer-network.ts's header):
 *   BP1 at the output layer; dense: BP2 (wᵀδ) ⊙ σ′, BP3, BP4 as the seed's; conv2d: δ of
 *   its input is the full correlation of δ with the flipped kernels, ∂C/∂w the correlation
 *   of its input with δ, ∂C/∂b δ summed over positions; maxPool routes δ to where each
 *   maximum was; avgPool spreads it over the window; flatten hands it down unchanged.
 */
export function explainLayers(
  network: LayerNetwork,
  test: ClassificationData,
  index: number,
  heading: string,
  output: Output,
): void {
  const x = Matrix.zeros(test.features, 1);
  const y = Matrix.zeros(test.classes, 1);
  fillSample(test, index, x, y);
  const label = test.labels[index];
  const steps = traceLayers(network, x, y);
  const { cost } = network.measure(x, y, [label]); // dropout off, as traced
  const out = Array.from(steps[steps.length - 1].output.data);
  const predicted = out.indexOf(Math.max(...out));
  const lines = [
    heading,
    "",
    "Forward pass: each layer keeps what its backward needs (the memo of the dynamic programme).",
  ];
  lines.push(`  ${describe("a⁰ = x", network.layers[0].inputShape, x)}`);
  for (const [l, step] of steps.entries()) lines.push(...forwardLines(step, l + 1));
  lines.push(
    `  output: class ${predicted} (${out.map((v) => v.toFixed(3)).join(" ")}), cost C = ${cost.toFixed(5)} (${network.cost.name})`,
    "",
    "Backward pass: each layer maps ∂C/∂a of its output to ∂C/∂a of its input (BP2, generalised),",
    "filling its gradients on the way; each δ is computed once, from the one handed down.",
  );
  for (let l = steps.length - 1; l >= 0; l--) {
    lines.push(...backwardLines(steps, l));
  }
  output.record({
    event: "explain",
    index,
    label,
    predicted,
    cost,
    layers: steps.map((step, l) => stepRecord(step, l + 1)),
  });
  for (const line of lines) output.say(line, true);
}

const sup = (l: number) => String(l).replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]);

/** "20×24×24" for feature maps, "100" for a dense layer's neurons. */
function shapeText(shape: Shape3): string {
  return shape.height === 1 && shape.width === 1 ? String(shape.channels) : formatShape(shape);
}

function describe(name: string, shape: Shape3 | string, m: Matrix): string {
  return describeValues(name, typeof shape === "string" ? shape : shapeText(shape), m);
}

/** "layer 2 maxPool 20×24×24 → 20×12×12": how each step is introduced. */
function title(layer: Layer, l: number): string {
  return `layer ${l} ${layer.kind} ${shapeText(layer.inputShape)} → ${shapeText(layer.outputShape)}`;
}

function forwardLines(step: LayerStep, l: number): string[] {
  const { layer } = step;
  const n = sup(l);
  const below = sup(l - 1);
  const a = (what: string) => `     ${describe(`a${n}${what}`, layer.outputShape, step.output)}`;
  switch (layer.kind) {
    case "conv2d": {
      const { geometry: g, activation } = layer as Conv2dLayer;
      const k = g.kernelSize;
      return [
        `  ${title(layer, l)} (${g.output.channels} filters ${k}×${k}, stride ${g.stride}): z${n} = w${n} ⋆ a${below} + b${n}, each filter slid over a${below}`,
        `     ${describe(`z${n}`, layer.outputShape, step.z as Matrix)}`,
        a(` = ${activation.name}(z${n})`),
      ];
    }
    case "dense": {
      const { activation } = layer as ActivatedLayer;
      return [
        `  ${title(layer, l)}: z${n} = w${n}a${below} + b${n}   (${layer.outputShape.channels}×${layer.inputShape.channels})·(${layer.inputShape.channels}×1)`,
        `     ${describe(`z${n}`, layer.outputShape, step.z as Matrix)}`,
        a(` = ${activation.name}(z${n})`),
      ];
    }
    case "maxPool":
    case "avgPool": {
      const { size } = (layer as PoolLayer).geometry;
      const what = layer.kind === "maxPool" ? "the largest" : "the mean";
      return [
        `  ${title(layer, l)}: a${n} = ${what} of each ${size}×${size} window of a${below}`,
        a(""),
      ];
    }
    case "flatten":
      return [`  ${title(layer, l)}: a${n} = a${below} read as one column (the numbers unchanged)`];
    case "dropout":
      return [
        `  ${title(layer, l)}: a${n} = a${below} scaled as at prediction (no units dropped)`,
        a(""),
      ];
    default:
      return [`  ${title(layer, l)}`, a("")];
  }
}

function backwardLines(steps: LayerStep[], index: number): string[] {
  const step = steps[index];
  const { layer } = step;
  const l = index + 1;
  const n = sup(l);
  const below = sup(l - 1);
  const first = index === 0;
  const handDown = (equation: string) =>
    step.gradIn
      ? `    BP2  ∂C/∂a${below} = ${equation}   ${describe(`∂C/∂a${below}`, layer.inputShape, step.gradIn)}${first ? " (the input: training skips this; shown here)" : ""}`
      : `    (∂C/∂a${below} not computed)`;
  const grad = (k: number, name: string) =>
    describe(name, `${step.gradients[k].rows}×${step.gradients[k].cols}`, step.gradients[k]);
  switch (layer.kind) {
    case "dense": {
      const above = steps[index + 1]?.layer;
      const delta = step.deltaZ
        ? `    BP1  δ${n} = ∇ₐC ⊙ σ′(z${n}) (the cost's delta on z${n}, a${n})   ${describe(`δ${n}`, layer.outputShape, step.deltaZ)}`
        : // One sample: δ is ∂C/∂b (BP3), which the layer's backward filled.
          `    BP2  δ${n} = ${above?.kind === "dense" ? `((w${sup(l + 1)})ᵀ δ${sup(l + 1)})` : `∂C/∂a${n}`} ⊙ σ′(z${n}), reusing what layer ${l + 1} handed down   ${describe(`δ${n}`, layer.outputShape, step.gradients[1])}`;
      return [
        `  ${title(layer, l)}:`,
        delta,
        `    BP3  ∂C/∂b${n} = δ${n}`,
        `    BP4  ∂C/∂w${n} = δ${n}(a${below})ᵀ   ${grad(0, `∂C/∂w${n}`)}`,
        handDown(`(w${n})ᵀ δ${n}`),
      ];
    }
    case "conv2d": {
      const positions = layer.outputShape.height * layer.outputShape.width;
      const delta = step.deltaZ
        ? `    BP1  δ${n} = ∇ₐC ⊙ σ′(z${n}) (the cost's delta)   ${describe(`δ${n}`, layer.outputShape, step.deltaZ)}`
        : `    BP2  δ${n} = ∂C/∂a${n} ⊙ σ′(z${n}) at each of the ${positions} positions of each filter, from what layer ${l + 1} handed down`;
      return [
        `  ${title(layer, l)}:`,
        delta,
        `    BP3  ∂C/∂b${n} = δ${n} summed over the ${positions} positions of each filter   ${grad(1, `∂C/∂b${n}`)}`,
        `    BP4  ∂C/∂w${n} = the correlation of the input a${below} with δ${n} (δ·colsᵀ)   ${grad(0, `∂C/∂w${n}`)}`,
        handDown(`the full correlation of δ${n} with the flipped kernels`),
      ];
    }
    case "maxPool": {
      const total = step.gradIn?.data.length ?? 0;
      const received = step.gradIn ? nonZero(step.gradIn) : 0;
      return [
        `  ${title(layer, l)}: δ routed to where each maximum was: ${received} of ${total} input positions received δ, the other ${total - received} get 0 (no parameters)`,
        handDown(`∂C/∂a${n} at each window's maximum, 0 elsewhere`),
      ];
    }
    case "avgPool": {
      const { size } = (layer as PoolLayer).geometry;
      return [
        `  ${title(layer, l)}: δ spread evenly over each window (÷ ${size * size}) (no parameters)`,
        handDown(`∂C/∂a${n} / ${size * size} at every position of its window`),
      ];
    }
    case "flatten":
      return [
        `  ${title(layer, l)}: ∂C/∂a${below} = ∂C/∂a${n} unchanged, read as ${shapeText(layer.inputShape)}`,
      ];
    case "dropout":
      return [
        `  ${title(layer, l)}: δ scaled by the forward's factor (no parameters)`,
        handDown(`∂C/∂a${n} ⊙ the forward's factors`),
      ];
    default:
      return [`  ${title(layer, l)}: its own backward`, handDown("its backward")];
  }
}
