/**
 * One convolution benchmark configuration, in its own process (its own peak memory):
 *   tsx bench/conv-passes.ts <conv1|conv2|conv2-dropout> <float64|float32> <images> <passes> [threads 1|2]
 * Trains network3's net (the book's chapter 6) on the first `images` MNIST training images
 * with SGD at batch 10, `passes` times over them, without evaluation, and prints
 * {"seconds": [per pass], "maxRssMB": …} as JSON. The nets, as conv_torch.py and
 * conv_tfjs.mjs build them:
 *   conv1  conv 20×5×5 sigmoid, maxpool 2, dense 100 sigmoid, softmax 10   (η = 0.1)
 *   conv2  conv 20×5×5 relu, maxpool 2, conv 40×5×5 relu, maxpool 2,
 *          dense 100 relu, softmax 10                                      (η = 0.03)
 *   conv2-dropout  conv2's conv-pools, then dropout 0.5, dense 1000 relu, dropout 0.5,
 *          dense 1000 relu, dropout 0.5, softmax 10 (network3's last net; η = 0.03)
 */
import type { DType } from "@backprop/linalg";
import { Rng } from "@backprop/linalg";
import { loadMnist } from "@backprop/mnist";
import {
  conv2d,
  dense,
  dropout,
  flatten,
  type Layer,
  LayerNetwork,
  maxPool,
} from "@backprop/network";
import { trainLayers } from "../src/index";

const [net = "conv2", dtypeArg = "float64", imagesArg = "2000", passesArg = "3", threadsArg = "1"] =
  process.argv.slice(2);
const threads = threadsArg === "2" ? 2 : 1;
const dtype = dtypeArg as DType;
const rng = new Rng(0);

/** conv (activation) then 2×2 max pooling, from a C×H×W input. */
function convPool(
  layers: Layer[],
  channels: number,
  size: number,
  filters: number,
  activation: string,
) {
  const conv = conv2d({
    inputShape: { channels, height: size, width: size },
    filters,
    kernelSize: 5,
    activation,
    init: "scaled",
    rng,
    dtype,
    threads,
  });
  layers.push(conv, maxPool({ inputShape: conv.outputShape, size: 2 }));
  return layers[layers.length - 1].outputShape;
}

const activation = net === "conv1" ? "sigmoid" : "relu";
const layers: Layer[] = [];
let shape = convPool(layers, 1, 28, 20, activation);
if (net !== "conv1") shape = convPool(layers, shape.channels, shape.height, 40, activation);
layers.push(flatten({ inputShape: shape }));
const init = "scaled";
/** dense(n) after optional dropout, from the last layer's outputs. */
function denseAfter(outputs: number, outputActivation: string, drop: boolean) {
  const inputShape = layers[layers.length - 1].outputShape;
  const inputs = inputShape.channels * inputShape.height * inputShape.width;
  if (drop) layers.push(dropout({ inputShape, rate: 0.5, mode: "scale-at-test", rng }));
  layers.push(dense({ inputs, outputs, activation: outputActivation, init, rng, dtype, threads }));
}
const withDropout = net === "conv2-dropout";
for (const width of withDropout ? [1000, 1000] : [100]) denseAfter(width, activation, withDropout);
denseAfter(10, "softmax", withDropout);
const network = new LayerNetwork({ layers, cost: "logLikelihood" });

const { training } = await loadMnist();
const data = training.slice(0, Number(imagesArg));
const seconds: number[] = [];
trainLayers(network, data, {
  epochs: Number(passesArg),
  batchSize: 10,
  eta: net === "conv1" ? 0.1 : 0.03,
  seed: 0,
  onEpoch: (r) => seconds.push(r.seconds),
});
console.log(JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
