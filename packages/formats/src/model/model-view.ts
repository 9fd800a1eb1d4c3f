import type { Activation } from "@backprop/activations";
import type { DType, FloatArray } from "@backprop/linalg";
import type {
  ConvGeometry,
  DropoutMode,
  Layer,
  Padding,
  PoolGeometry,
  Shape3,
} from "@backprop/network";
import { LayerNetwork, Network } from "@backprop/network";
import { ExportError } from "../errors";

/**
 * What both exporters read of a model: its layers with their parameters (views of the
 * network's own arrays, never copied), in one form for the seed's sizes-list Network and
 * for a LayerNetwork. A Network's layer l is a dense layer of sizes[l] inputs and
 * sizes[l+1] outputs with weights[l] (sizes[l+1] × sizes[l]) and biases[l].
 */

/** A dense layer: z = w·x + b, a = σ(z); weights outputs × inputs, row-major. */
export interface DenseView {
  /** "dense". */
  kind: "dense";
  /** Neurons below. */
  inputs: number;
  /** Neurons of this layer. */
  outputs: number;
  /** σ (by identity, so a user's own "sigmoid" is not mistaken for ours). */
  activation: Activation;
  /** outputs × inputs, row j = neuron j's weights. */
  weights: FloatArray;
  /** outputs numbers. */
  biases: FloatArray;
}

/** A convolution: weights F × (C·k·k) (PyTorch's OIHW flattened), biases F. */
export interface ConvView {
  /** "conv2d". */
  kind: "conv2d";
  /** Shapes, kernel size, stride and the zeros above and left of the input. */
  geometry: ConvGeometry;
  /** As the layer was built: "valid", "same" or p zeros on each side. */
  padding: Padding;
  /** σ. */
  activation: Activation;
  /** F × (C·k·k). */
  weights: FloatArray;
  /** F numbers. */
  biases: FloatArray;
}

/** Max or average pooling, no padding, floor mode. */
export interface PoolView {
  /** "maxPool" or "avgPool". */
  kind: "maxPool" | "avgPool";
  /** Window size, stride and shapes. */
  geometry: PoolGeometry;
}

/** C × H × W feature maps to C·H·W neurons, channel-major. */
export interface FlattenView {
  /** "flatten". */
  kind: "flatten";
  /** One input sample. */
  inputShape: Shape3;
}

/** Dropout: at inference the identity ("inverted") or × (1 − rate) ("scale-at-test"). */
export interface DropoutView {
  /** "dropout". */
  kind: "dropout";
  /** One sample's shape (unchanged). */
  inputShape: Shape3;
  /** p, the drop probability in training. */
  rate: number;
  /** How kept units are scaled. */
  mode: DropoutMode;
}

/** One layer as the exporters see it. */
export type LayerView = DenseView | ConvView | PoolView | FlattenView | DropoutView;

/** A whole model as the exporters see it. */
export interface ModelView {
  /** Which class it is, so an import gives the same one back. */
  model: "Network" | "LayerNetwork";
  /** The parameters' element type. */
  dtype: DType;
  /** The cost's name (no format has one; stored as metadata). */
  cost: string;
  /** One input sample. */
  inputShape: Shape3;
  /** One output sample. */
  outputShape: Shape3;
  /** The layers, input side first. */
  layers: LayerView[];
}

/** The view of `network`; a layer kind this package cannot write throws an ExportError. */
export function viewModel(network: Network | LayerNetwork, format: "onnx" | "tfjs"): ModelView {
  if (network instanceof Network) {
    return {
      model: "Network",
      dtype: network.dtype,
      cost: network.cost.name,
      inputShape: { channels: network.sizes[0], height: 1, width: 1 },
      outputShape: { channels: network.sizes[network.numLayers - 1], height: 1, width: 1 },
      layers: network.weights.map((w, l) => ({
        kind: "dense",
        inputs: w.cols,
        outputs: w.rows,
        activation: network.activations[l],
        weights: w.data,
        biases: network.biases[l].data,
      })),
    };
  }
  if (!(network instanceof LayerNetwork)) {
    throw new ExportError(format, null, "expected a Network or a LayerNetwork");
  }
  return {
    model: "LayerNetwork",
    dtype: network.dtype,
    cost: network.cost.name,
    inputShape: network.layers[0].inputShape,
    outputShape: network.layers[network.layers.length - 1].outputShape,
    layers: network.layers.map((layer, l) => viewLayer(layer, l, format)),
  };
}

/** Fields a built-in layer has beyond Layer (conv2d, pooling and dropout expose them). */
interface BuiltInFields {
  activation?: Activation;
  geometry?: ConvGeometry & PoolGeometry;
  padding?: Padding;
  rate?: number;
  mode?: DropoutMode;
}

function viewLayer(layer: Layer, l: number, format: "onnx" | "tfjs"): LayerView {
  const { kind, inputShape } = layer;
  const { activation, geometry, padding, rate, mode } = layer as Layer & BuiltInFields;
  const cannot = (): never => {
    throw new ExportError(
      format,
      l,
      `layer ${l} is a ${JSON.stringify(kind).slice(0, 60)} layer; only the layers @backprop/network builds (dense, conv2d, maxPool, avgPool, flatten, dropout) can be exported, not a user's own layer`,
    );
  };
  const [w, b] = layer.parameters;
  switch (kind) {
    case "dense":
      if (!activation || !w || !b) return cannot();
      return {
        kind,
        inputs: inputShape.channels,
        outputs: layer.outputShape.channels,
        activation,
        weights: w.data,
        biases: b.data,
      };
    case "conv2d":
      if (!activation || !geometry || padding === undefined || !w || !b) return cannot();
      return { kind, geometry, padding, activation, weights: w.data, biases: b.data };
    case "maxPool":
    case "avgPool":
      if (!geometry) return cannot();
      return { kind, geometry };
    case "flatten":
      return { kind, inputShape };
    case "dropout":
      if (rate === undefined || mode === undefined) return cannot();
      return { kind, inputShape, rate, mode };
    default:
      return cannot();
  }
}

/**
 * The zeros [top, left, bottom, right] around a convolution's input: p on every side for
 * padding p (PyTorch's padding=p), and for "same" what makes H′ = ⌈H/stride⌉, the smaller
 * half on top and left (TensorFlow's rule, as convGeometry computes it).
 */
export function convPads(view: ConvView): [number, number, number, number] {
  const { input, output, kernelSize: k, stride, padTop, padLeft } = view.geometry;
  if (view.padding !== "same") return [padTop, padLeft, padTop, padLeft];
  const total = (n: number, out: number) => Math.max((out - 1) * stride + k - n, 0);
  return [
    padTop,
    padLeft,
    total(input.height, output.height) - padTop,
    total(input.width, output.width) - padLeft,
  ];
}
