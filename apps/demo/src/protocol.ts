/**
 * The messages between the page and the training worker. The worker owns the data and the
 * network; the page sends commands and draws what comes back. Arrays travel as typed
 * arrays (transferred, not copied, where the worker no longer needs them).
 *
 *   page → worker: configure (data + fresh network), start, pause, resume, stop, trace,
 *                  misclassified
 *   worker → page: status (with loading progress), data, parameters (throttled), progress,
 *                  epoch, trace, misclassified, error
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
  | { type: "misclassified"; limit: number };

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
  | { type: "misclassified"; wrong: number; total: number; items: MissedDigit[] }
  /** `diverged`: training stopped on a non-finite cost (the page says why it thinks so). */
  | { type: "error"; message: string; diverged?: boolean };
