/**
 * The seed's mini-batch SGD for a {@link LayerNetwork} (the book's chapter 6, network3.py's
 * `SGD`): for each epoch, shuffle with the seeded generator, cut into mini-batches, and per
 * mini-batch take LayerNetwork.updateMiniBatch's step w ← w − (η/m)·Σ∇w, with λ > 0 decaying
 * the weights by (1 − ηλ/n) between its backprop and its step (network2's L2 rule, which
 * LayerNetwork.updateMiniBatch does not have; network3's lmbda is λ/m of it, see `lambda`);
 * then evaluate on the test and validation data with dropout off. The shuffle is the one
 * `train` uses (linalg's `batches` with `new Rng(seed)`), so a stack of dense layers trains
 * to the seed's Network's weights bit for bit. network3.py itself does not reshuffle: it
 * cuts its mini-batches in the data's order every epoch, which `shuffle` can ask for.
 */
import {
  decayInto,
  type LabelledSamples,
  batches as makeBatches,
  Rng,
  ThreadChooser,
} from "@backprop/linalg";
import type { LayerNetwork } from "@backprop/network";
import { TrainingOptionsError } from "./errors";
import type { Evaluation } from "./evaluate-data";
import { evaluateLayers } from "./evaluate-layers";
import { type LayerTrainingState, SHUFFLES, type Shuffle } from "./layer-training-state";
import { runInSlices, runToEnd } from "./run-steps";

/** What {@link trainLayers} runs: network3.py's SGD(training_data, epochs, mini_batch_size, eta, validation_data, test_data, lmbda). */
export interface TrainLayersOptions {
  /** Epochs to run (network3's 60 for the convolutional nets). */
  epochs: number;
  /** Samples per mini-batch, m (network3's 10); the last batch of an epoch may be smaller. */
  batchSize: number;
  /** η, the learning rate (network3: 0.1 with sigmoid, 0.03 with ReLU). */
  eta: number;
  /**
   * L2 strength λ (default 0), scaled by the training set's size n as network2 (and `train`)
   * does: before each step, w ← (1 − ηλ/n)·w for the weights (parameters[0]) of every layer
   * that has parameters; biases are not decayed. network3.py divides by the number of
   * mini-batches n/m instead, so its lmbda is λ = lmbda·m here (its 0.1 at m = 10 is 1).
   */
  lambda?: number;
  /** The generator that shuffles each epoch; or `seed` (default 0) to make one. */
  rng?: Rng;
  /** Seed for the shuffling generator when no `rng` is given; default 0 (as `train`). */
  seed?: number;
  /**
   * The order the mini-batches are cut in:
   * - "every-epoch" (default): a new shuffle each epoch, as network.py, network2.py and `train`;
   * - "never": the data's own order, every epoch: network3.py's SGD, which slices its
   *   training data in order (MNIST's, for the book's runs);
   * - "once": one shuffle by the generator, the same order every epoch: network3.py on the
   *   expanded data, which expand_mnist.py shuffled once when it wrote the file.
   */
  shuffle?: Shuffle;
  /** Evaluated after every epoch (dropout off), as the seed's test_data. */
  test?: LabelledSamples;
  /** Evaluated after every epoch; the best epoch on it picks the test accuracy reported (network3's rule). */
  validation?: LabelledSamples;
  /**
   * After every epoch (evaluations included), with the state to continue from (for a
   * checkpoint: save it with the network's weights, and pass it back as `resume`).
   */
  onEpoch?(record: LayerEpochRecord, state: LayerTrainingState): void;
  /**
   * Continue a run from the state an earlier run's onEpoch gave (with the network's weights
   * as they were then): training starts at state.epoch with the saved shuffling generator,
   * and the result's history includes the earlier epochs. `rng` and `seed` are not used.
   */
  resume?: LayerTrainingState;
  /**
   * Threads for the layers' matrix products: 1 or 2 for the whole run (LayerNetwork.setThreads),
   * or "auto": a second thread for the batches where it measures faster, checked again as
   * training runs (linalg's ThreadChooser, as the seed's `train` does), so a core another
   * program takes is noticed. The weights are the same bits whatever is chosen. Default:
   * the threads the layers were built with.
   */
  threads?: 1 | 2 | "auto";
  /** After every mini-batch: for progress bars. */
  onBatch?(progress: { epoch: number; batch: number; batches: number }): void;
  /** Stops cleanly between mini-batches. */
  signal?: AbortSignal;
}

/** One epoch of {@link trainLayers}: its time and its evaluations. */
export interface LayerEpochRecord {
  /** The epoch, from 0. */
  epoch: number;
  /** The learning rate η this epoch trained with. */
  eta: number;
  /** Training time of the epoch (evaluation excluded). */
  seconds: number;
  /** Training samples over seconds. */
  samplesPerSecond: number;
  /** Accuracy and mean cost on TrainLayersOptions.test, when given. */
  test?: Evaluation;
  /** Accuracy and mean cost on TrainLayersOptions.validation, when given. */
  validation?: Evaluation;
}

/** How a {@link trainLayers} run ended. */
export interface TrainLayersResult {
  /** One record per epoch run. */
  history: LayerEpochRecord[];
  /** "epochs": all ran; "abort": the signal stopped it between mini-batches. */
  stoppedBy: "epochs" | "abort";
  /**
   * network3's report: the epoch with the best validation accuracy, the last of equals
   * (network3.py keeps an epoch when `validation_accuracy >= best_validation_accuracy`),
   * or, without validation data, the best test accuracy; undefined without either.
   */
  bestEpoch?: number;
  /** The test evaluation of bestEpoch ("the corresponding test accuracy", as network3 prints it). */
  testAtBest?: Evaluation;
}

/** Trains to the end, synchronously. */
export function trainLayers(
  network: LayerNetwork,
  data: LabelledSamples,
  options: TrainLayersOptions,
): TrainLayersResult {
  return runToEnd(layerTrainingSteps(network, data, options));
}

/** As {@link trainLayers}, giving the event loop a turn every ~`sliceMs` (default 12 ms). */
export async function trainLayersAsync(
  network: LayerNetwork,
  data: LabelledSamples,
  options: TrainLayersOptions & { sliceMs?: number },
): Promise<TrainLayersResult> {
  return runInSlices(layerTrainingSteps(network, data, options), options.sliceMs);
}

function checkOptions(network: LayerNetwork, o: TrainLayersOptions, data: LabelledSamples): void {
  const positiveInteger = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1)
      throw new TrainingOptionsError(`trainLayers: ${name} must be a positive integer, got ${v}`);
  };
  positiveInteger("epochs", o.epochs);
  positiveInteger("batchSize", o.batchSize);
  if (!(o.eta > 0) || !Number.isFinite(o.eta))
    throw new TrainingOptionsError(`trainLayers: eta must be a positive number, got ${o.eta}`);
  if (o.lambda !== undefined && !(o.lambda >= 0 && Number.isFinite(o.lambda)))
    throw new TrainingOptionsError(`trainLayers: lambda must be ≥ 0, got ${o.lambda}`);
  if (data.length === 0) throw new TrainingOptionsError("trainLayers: the training data is empty");
  if (o.threads !== undefined && o.threads !== 1 && o.threads !== 2 && o.threads !== "auto") {
    throw new TrainingOptionsError(
      `trainLayers: threads must be 1, 2 or "auto", got ${JSON.stringify(o.threads)}`,
    );
  }
  if (o.shuffle !== undefined && !SHUFFLES.includes(o.shuffle)) {
    throw new TrainingOptionsError(
      `trainLayers: shuffle must be ${SHUFFLES.map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(o.shuffle)}`,
    );
  }
  const saved = o.resume?.shuffle ?? "every-epoch";
  if (o.resume && saved !== (o.shuffle ?? "every-epoch")) {
    throw new TrainingOptionsError(
      `trainLayers: the run to resume cut its mini-batches with shuffle "${saved}"; resume it with that (got ${JSON.stringify(o.shuffle ?? "every-epoch")})`,
    );
  }
  if (o.resume && o.resume.epoch > o.epochs) {
    throw new TrainingOptionsError(
      `trainLayers: the run to resume has done ${o.resume.epoch} epochs, more than epochs = ${o.epochs}; ask for at least ${o.resume.epoch}`,
    );
  }
  const first = network.layers[0].inputShape;
  const last = network.layers[network.layers.length - 1].outputShape;
  const inputs = first.channels * first.height * first.width;
  const outputs = last.channels * last.height * last.width;
  const parts = [
    ["training", data],
    ["test", o.test],
    ["validation", o.validation],
  ] as const;
  for (const [name, d] of parts) {
    if (d && (d.features !== inputs || d.classes !== outputs)) {
      throw new TrainingOptionsError(
        `trainLayers: the ${name} data has ${d.features} features and ${d.classes} classes, but the network takes ${inputs} inputs (${first.channels}×${first.height}×${first.width}) and gives ${outputs} outputs`,
      );
    }
  }
}

/**
 * The loop as a generator that yields after every mini-batch, so `trainLayers` runs it
 * straight through and `trainLayersAsync` can give the event loop a turn.
 */
export function* layerTrainingSteps(
  network: LayerNetwork,
  data: LabelledSamples,
  options: TrainLayersOptions,
): Generator<void, TrainLayersResult> {
  checkOptions(network, options, data);
  const resume = options.resume;
  const rng = resume ? Rng.fromState(resume.rng) : (options.rng ?? new Rng(options.seed ?? 0));
  const lambda = options.lambda ?? 0;
  const n = data.length;
  const eta = options.eta;
  // The weights λ decays: parameters[0] of every layer with parameters (dense, conv2d: [w, b]).
  const weights = network.layers.filter((l) => l.parameters.length > 0).map((l) => l.parameters[0]);
  // network2's factor, computed as decayWeights computes it, so a dense stack matches `train`.
  const factor = 1 - eta * (lambda / n);
  const shuffle = options.shuffle ?? "every-epoch";
  // "once": every epoch starts the generator from the same state, so it draws the same order;
  // that state is what onEpoch saves, so a resumed run draws it again.
  const orderState = shuffle === "once" ? rng.getState() : null;
  const batches = makeBatches(data, {
    batchSize: options.batchSize,
    rng: shuffle === "never" ? undefined : rng,
    layout: "dense",
    dtype: network.dtype,
  });
  const history: LayerEpochRecord[] = resume ? [...resume.history] : [];
  const chooser = options.threads === "auto" ? new ThreadChooser() : null;
  if (options.threads === 1 || options.threads === 2) network.setThreads(options.threads);
  for (let epoch = resume?.epoch ?? 0; epoch < options.epochs; epoch++) {
    if (orderState) rng.setState(orderState);
    const started = performance.now();
    let batch = 0;
    for (const mini of batches) {
      if (options.signal?.aborted) return finish(history, "abort", options);
      if (chooser) network.setThreads(chooser.nextBatch());
      if (lambda === 0) {
        network.updateMiniBatch(mini.inputs, mini.targets, eta); // dropout on in its backprop
      } else {
        // updateMiniBatch with network2's decay between its two steps: the gradient at the
        // current weights, then w ← (1 − ηλ/n)·w, then w ← w − (η/m)·Σ∇w (as `train` does).
        const gradients = network.backprop(mini.inputs, mini.targets);
        for (const w of weights) decayInto(w, factor);
        network.sgdStep(gradients, eta / mini.size);
      }
      batch++;
      options.onBatch?.({ epoch, batch, batches: batches.count });
      yield;
    }
    const seconds = (performance.now() - started) / 1000;
    const record: LayerEpochRecord = { epoch, eta, seconds, samplesPerSecond: n / seconds };
    if (options.test) record.test = evaluateLayers(network, options.test, lambda);
    if (options.validation) record.validation = evaluateLayers(network, options.validation, lambda);
    history.push(record);
    options.onEpoch?.(record, {
      epoch: epoch + 1,
      // A copy under "once" too: the caller may keep or change what it is given.
      rng: orderState ? Rng.fromState(orderState).getState() : rng.getState(),
      ...(shuffle === "every-epoch" ? {} : { shuffle }),
      history: [...history],
    });
  }
  return finish(history, "epochs", options);
}

function finish(
  history: LayerEpochRecord[],
  stoppedBy: TrainLayersResult["stoppedBy"],
  options: TrainLayersOptions,
): TrainLayersResult {
  const on = options.validation ? "validation" : options.test ? "test" : undefined;
  let best: LayerEpochRecord | undefined;
  if (on) {
    for (const r of history) {
      // ≥, as network3.py: a later epoch that equals the best takes its place.
      if (!best || (r[on]?.accuracy ?? 0) >= (best[on]?.accuracy ?? 0)) best = r;
    }
  }
  return {
    history,
    stoppedBy,
    ...(best ? { bestEpoch: best.epoch } : {}),
    ...(best?.test ? { testAtBest: best.test } : {}),
  };
}
