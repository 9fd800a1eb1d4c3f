/**
 * The messages between the page and the training worker. The worker owns the data and the
 * network; the page sends commands and draws what comes back. Arrays travel as typed
 * arrays (transferred, not copied, where the worker no longer needs them).
 *
 *   page → worker: configure (data + fresh network), start, pause, resume, stop, trace,
 *                  misclassified, predictDrawing (conv net only)
 *   worker → page: status (with loading progress), data, parameters (throttled), progress,
 *                  epoch, trace, misclassified, error; with settings.kind "conv", conv
 *                  (throttled) in place of parameters, convTrace in place of trace, and
 *                  drawingPrediction
 */
import type { EpochRecord } from "@backprop/optimizers";
import type { Settings } from "./settings";

export type TrainerCommand =
  /** Load the data set (MNIST once per worker) and make a fresh network; stops any run. */
  | { type: "configure"; settings: Settings; mnistUrl: string }
  | { type: "start" }
  | { type: "pause" }
  | { type: "resume" }
  /** Ends the run between two mini-batches; the network keeps its weights. */
  | { type: "stop" }
  /** BP1–BP4 for test sample `index` on the network as it is now. */
  | { type: "trace"; index: number; purpose: TracePurpose }
  /** The first `limit` test samples the network as it is now gets wrong. */
  | { type: "misclassified"; limit: number }
  /**
   * The conv net's answer for the draw panel's 784 inputs (as `toMnistInput` made them),
   * with their feature maps. `id` is echoed back: the page drops answers it no longer
   * waits for (an older drawing, or a network replaced by configure).
   */
  | { type: "predictDrawing"; id: number; input: Float64Array };

/** Who asked: the step-through, or the draw panel's "show a test image" (echoed back). */
export type TracePurpose = "step" | "draw";

/** idle: ready to train; done: a run ended (by its epochs or by stop). */
export type TrainerStatus = "loading" | "idle" | "training" | "paused" | "done" | "error";

/** What is loading, for a status line that says so: MNIST's bytes so far, or a 2-D set. */
export interface LoadingProgress {
  what: "mnist" | "twoD";
  /** Bytes received and expected (MNIST; 0 and 0 for a 2-D set). */
  loaded: number;
  total: number;
}

/** One misclassified test digit: its index, label, the network's answer and its pixels. */
export interface MissedDigit {
  index: number;
  label: number;
  answer: number;
  /** 784 grey levels 0…255, row-major. */
  image: Uint8Array;
}

export interface DataInfo {
  dataset: Settings["dataset"];
  features: number;
  classes: number;
  trainingSize: number;
  testSize: number;
  /** For 2-D sets: the training points (x₀, x₁ per sample) and labels, to draw. */
  points?: Float64Array;
  labels?: Uint8Array;
}

/** What the page needs to rebuild the network: its shape, names, and every parameter. */
export interface ParameterSnapshot {
  sizes: number[];
  activations: string[];
  cost: string;
  /** weights[l]: sizes[l+1] × sizes[l], row-major; biases[l]: sizes[l+1]. */
  weights: Float64Array[];
  biases: Float64Array[];
}

export interface MatrixData {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** One sample's dynamic-programming table, as `Network.trace` returns it. */
export interface TraceData {
  index: number;
  label: number;
  sizes: number[];
  activations: string[];
  cost: string;
  /** zs[l], deltas[l], nablaB[l], nablaW[l] belong to layer l+1; as[0] is the input x. */
  zs: MatrixData[];
  as: MatrixData[];
  deltas: MatrixData[];
  nablaB: MatrixData[];
  nablaW: MatrixData[];
  /** Input shape for drawing x, e.g. [28, 28]. */
  sampleShape: number[];
}

/** The conv net's live pictures (conv-net.ts): its filters and one test digit's feature maps. */
export interface ConvSnapshot {
  /** The test sample whose maps these are, and its 784 pixels. */
  index: number;
  input: Float64Array;
  /** F × (k·k), one row per filter (the conv layer's weights; 1 input channel). */
  filters: Float64Array;
  biases: Float64Array;
  /** The conv layer's a, F·24·24, channel-major; the pool's output, F·12·12. */
  maps: Float64Array;
  pooled: Float64Array;
}

/** The conv net on one drawing: its output and the maps it made on the way (conv-net.ts). */
export interface ConvPrediction {
  /** The 784 inputs the answer is for. */
  input: Float64Array;
  /** The softmax layer's a: one probability per class (10). */
  output: Float64Array;
  /** The conv layer's a (F·24·24, channel-major) and the pool's output (F·12·12). */
  maps: Float64Array;
  pooled: Float64Array;
}

/** One sample through the conv net, forward and backward (conv-trace.ts says what each is). */
export interface ConvTraceData {
  index: number;
  label: number;
  input: Float64Array;
  /** The conv layer's z and a (F·24·24), the pool's output (F·12·12). */
  convZ: Float64Array;
  convA: Float64Array;
  pooled: Float64Array;
  /** The dense softmax layer's z and a (10). */
  outZ: Float64Array;
  outA: Float64Array;
  /** BP1: δᴸ = a − y; the dense layer's ∂C/∂b (10) and ∂C/∂w (10 × 1152). */
  deltaL: Float64Array;
  outNablaB: Float64Array;
  outNablaW: Float64Array;
  /** BP2: ∂C/∂(pool output) = (wᴸ)ᵀδᴸ, F·12·12. */
  poolDelta: Float64Array;
  /** ∂C/∂a of the conv layer: δ routed by the pool (F·24·24); 1 where a position received δ. */
  routed: Float64Array;
  received: Uint8Array;
  /** The conv layer's δ = ∂C/∂a ⊙ ReLU′(z) (F·24·24), ∂C/∂b (F), ∂C/∂w (F × 25). */
  convDelta: Float64Array;
  convNablaB: Float64Array;
  convNablaW: Float64Array;
}

export type TrainerEvent =
  | { type: "status"; status: TrainerStatus; message?: string; loading?: LoadingProgress }
  | { type: "data"; info: DataInfo }
  /** `initial`: the freshly made network, before any training (for "change since the start"). */
  | { type: "parameters"; snapshot: ParameterSnapshot; initial?: boolean }
  | {
      type: "progress";
      epoch: number;
      epochs: number;
      batch: number;
      batches: number;
      /** Over the last progress interval. */
      samplesPerSecond: number;
    }
  | { type: "epoch"; record: EpochRecord; epochs: number }
  | { type: "trace"; trace: TraceData; purpose: TracePurpose }
  /** The conv net: its filters and feature maps (throttled like `parameters`), and a trace. */
  | { type: "conv"; snapshot: ConvSnapshot; initial?: boolean }
  | { type: "convTrace"; trace: ConvTraceData; purpose: TracePurpose }
  /** The answer to predictDrawing `id` (the conv net as it was between two slices). */
  | { type: "drawingPrediction"; id: number; prediction: ConvPrediction }
  | { type: "misclassified"; wrong: number; total: number; items: MissedDigit[] }
  /** `diverged`: training stopped on a non-finite cost (the page says why it thinks so). */
  | { type: "error"; message: string; diverged?: boolean };
