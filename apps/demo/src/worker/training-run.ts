/**
 * One training run in the worker: the optimizers package's `trainingSteps` generator, or
 * `layerTrainingSteps` for the conv net (one step per mini-batch either way), driven in time slices so the worker still reads the page's
 * messages (pause, stop, trace) between them. The page never waits on training at all: it
 * runs here, off the main thread.
 */

import { LayerNetwork, type Network } from "@backprop/network";
import {
  createOptimizer,
  type EpochRecord,
  layerTrainingSteps,
  type TrainLayersResult,
  type TrainResult,
  trainingSteps,
} from "@backprop/optimizers";
import type { ParameterSnapshot } from "../protocol";
import type { Settings } from "../settings";
import type { DataSets } from "./load-data";

/** Work between two looks at the message queue: short enough that pause feels instant. */
const SLICE_MS = 40;
const PROGRESS_MS = 200;
const PARAMETERS_MS = 300;
/** Small (2-D) sets train an epoch in about a millisecond: pace them so the regions can be watched. */
const SMALL_DATA = 2000;
const SMALL_EPOCH_MS = 30;

export interface RunEvents {
  epoch(record: EpochRecord, epochs: number): void;
  progress(epoch: number, batch: number, batches: number, samplesPerSecond: number): void;
  /** Time to send the weights (the worker knows which picture of them the page needs). */
  parameters(): void;
}

/** How a run ended: by its epochs, or stopped ("abort"). */
export type RunResult = Pick<TrainResult | TrainLayersResult, "stoppedBy">;

/** A macrotask turn that is not clamped like nested setTimeout(0) (4 ms) in workers. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Copies of every weight and bias, with the names that rebuild the network on the page. */
export function snapshotOf(network: Network): ParameterSnapshot {
  return {
    sizes: [...network.sizes],
    activations: network.activations.map((a) => a.name),
    cost: network.cost.name,
    weights: network.weights.map((w) => Float64Array.from(w.data)),
    biases: network.biases.map((b) => Float64Array.from(b.data)),
  };
}

export class TrainingRun {
  private readonly controller = new AbortController();
  private paused = false;
  private wake: (() => void) | undefined;
  /**
   * From the training loop: brings network.weights[0] up to date. On MNIST the first layer
   * may train in its own copy (the kernels' layout), synced only at the end of each epoch.
   */
  private syncFirstLayer: (() => void) | undefined;
  /** Resolves when the run ends: by its epochs, by `stop`, or with the error that ended it. */
  readonly finished: Promise<RunResult>;

  constructor(
    private readonly network: Network | LayerNetwork,
    data: DataSets,
    settings: Settings,
    private readonly events: RunEvents,
  ) {
    this.finished = this.drive(data, settings);
  }

  pause(): void {
    this.paused = true;
  }

  /** Makes the network's weights current mid-epoch (before a snapshot or a trace). */
  syncWeights(): void {
    this.syncFirstLayer?.();
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  stop(): void {
    this.controller.abort();
    this.resume();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  private async drive(data: DataSets, settings: Settings): Promise<RunResult> {
    await nextTurn(); // let the constructor return before the first slice
    /** Set after an epoch's last mini-batch, before its evaluation (paced runs pause there). */
    let batchesDone = false;
    let samples = 0;
    /** Time spent training (in slices), for the live samples-per-second figure. */
    let busyMs = 0;
    let lastProgress = { time: performance.now(), busyMs: 0, samples: 0 };
    let lastParameters = performance.now();
    /** Time spent paused (or resting) in the current epoch: not training, so not in its throughput. */
    let pausedMs = 0;
    let position = { epoch: 0, batch: 0, batches: 0 };
    const onBatch = (progress: {
      epoch: number;
      batch: number;
      batches: number;
      sync?: () => void;
    }) => {
      position = progress;
      this.syncFirstLayer = progress.sync;
      if (progress.batch === progress.batches) batchesDone = true;
      samples += Math.min(settings.batchSize, data.training.length);
    };
    const onEpoch = (record: EpochRecord) => {
      const seconds = Math.max(1e-6, record.seconds - pausedMs / 1000);
      pausedMs = 0;
      const samplesPerSecond = data.training.length / seconds;
      this.events.epoch({ ...record, seconds, samplesPerSecond }, settings.epochs);
      this.events.parameters();
      lastParameters = performance.now();
    };
    const common = {
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      eta: settings.eta,
      lambda: settings.lambda,
      seed: settings.seed,
      test: data.test,
      signal: this.controller.signal,
      onBatch,
      onEpoch,
    };
    const steps: Generator<void, RunResult> =
      this.network instanceof LayerNetwork
        ? layerTrainingSteps(this.network, data.training, common)
        : trainingSteps(this.network, data.training, {
            ...common,
            optimizer: createOptimizer(settings.optimizer),
            monitorTraining: true,
          });
    const paced = data.training.length <= SMALL_DATA;
    for (;;) {
      if (this.paused) {
        const pausedAt = performance.now();
        while (this.paused) await new Promise<void>((resolve) => (this.wake = resolve));
        pausedMs += performance.now() - pausedAt;
      }
      const sliceStart = performance.now();
      batchesDone = false;
      while (performance.now() - sliceStart < SLICE_MS && !(paced && batchesDone)) {
        const next = steps.next();
        if (next.done) {
          this.events.parameters();
          return next.value;
        }
      }
      const now = performance.now();
      busyMs += now - sliceStart;
      if (now - lastProgress.time >= PROGRESS_MS) {
        const ms = Math.max(1e-3, busyMs - lastProgress.busyMs);
        const rate = ((samples - lastProgress.samples) * 1000) / ms;
        this.events.progress(position.epoch, position.batch, position.batches, rate);
        lastProgress = { time: now, busyMs, samples };
      }
      if (now - lastParameters >= PARAMETERS_MS) {
        this.syncWeights();
        this.events.parameters();
        lastParameters = now;
      }
      // Paced runs rest after an epoch's last update; the epoch's clock is still running
      // (it stops when the generator resumes), so the rest counts as paused time.
      if (paced && batchesDone) {
        const restStart = performance.now();
        await sleep(SMALL_EPOCH_MS);
        pausedMs += performance.now() - restStart;
      } else {
        await nextTurn();
      }
    }
  }
}
