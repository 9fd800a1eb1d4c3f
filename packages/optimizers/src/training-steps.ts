import {
  type LabelledSamples,
  type Matrix,
  batches as makeBatches,
  plainNumbers,
  Rng,
} from "@backprop/linalg";
import type { Network } from "@backprop/network";
import { chanceAccuracy, collapseWarning } from "./collapse-warning";
import { diagnoseEvaluation } from "./diagnose-evaluation";
import type { StepSettings } from "./divergence";
import { DivergenceError, TrainingOptionsError } from "./errors";
import { evaluateData } from "./evaluate-data";
import { advanceSchedule, startSchedule } from "./schedules";
import { sgd } from "./sgd";
import type { EpochRecord, TrainOptions, TrainResult } from "./training-types";
import { createTrainingWorkspace, type TrainingWorkspace } from "./training-workspace";
import { type UpdateOptions, updateMiniBatch } from "./update-mini-batch";

function checkOptions(o: TrainOptions, data: LabelledSamples): void {
  const positiveInteger = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1)
      throw new TrainingOptionsError(`train: ${name} must be a positive integer, got ${v}`);
  };
  positiveInteger("epochs", o.epochs);
  positiveInteger("batchSize", o.batchSize);
  if (!(o.eta > 0) || !Number.isFinite(o.eta))
    throw new TrainingOptionsError(`train: eta must be a positive number, got ${o.eta}`);
  if (o.lambda !== undefined && !(o.lambda >= 0))
    throw new TrainingOptionsError(`train: lambda must be ≥ 0, got ${o.lambda}`);
  if (o.weightDecay !== undefined && o.weightDecay !== "coupled" && o.weightDecay !== "decoupled")
    throw new TrainingOptionsError(
      `train: weightDecay must be "decoupled" or "coupled", got ${JSON.stringify(o.weightDecay)}`,
    );
  if (data.length === 0) throw new TrainingOptionsError("train: the training data is empty");
  if (o.earlyStop && !o.validation)
    throw new TrainingOptionsError(
      "train: earlyStop watches validation accuracy; pass validation data",
    );
  if (o.threads !== undefined && o.threads !== 1 && o.threads !== 2 && o.threads !== "auto")
    throw new TrainingOptionsError(`train: threads must be 1, 2 or "auto", got ${o.threads}`);
  if (o.kernels !== undefined && o.kernels !== "auto" && o.kernels !== "js" && o.kernels !== "fma")
    throw new TrainingOptionsError(
      `train: kernels must be "auto", "js" or "fma", got ${o.kernels}`,
    );
  if (o.resume && o.epochs <= o.resume.epoch) {
    throw new TrainingOptionsError(
      `train: epochs counts the whole run, and the resumed state has done ${o.resume.epoch}; ask for more than ${o.resume.epoch}, got ${o.epochs}`,
    );
  }
}

/**
 * The seed's SGD as a generator: for each epoch, shuffle, split into mini-batches, update
 * once per mini-batch, then evaluate. It yields after every mini-batch so `train` can run it
 * straight through and `trainAsync` can give the event loop a turn.
 */
export function* trainingSteps(
  network: Network,
  data: LabelledSamples,
  options: TrainOptions,
): Generator<void, TrainResult> {
  checkOptions(options, data);
  const resume = options.resume;
  const rng = options.rng ?? new Rng(options.seed ?? 0);
  if (resume) rng.setState(resume.rng);
  const optimizer = options.optimizer ?? sgd();
  if (resume) optimizer.setState(resume.optimizer);
  const history: EpochRecord[] = resume ? [...resume.history] : [];
  let schedule = resume?.schedule ?? startSchedule(options.eta);
  let best: Best = resume?.best
    ? { ...resume.best, parameters: resume.best.parameters.map((p) => Float64Array.from(p)) }
    : { accuracy: Number.NEGATIVE_INFINITY, epoch: -1, parameters: [] };
  // The one place the kernels are chosen: image data trains through a sparse first layer
  // (WebAssembly SIMD where it runs), which may keep w¹ in its own layout; it is synced
  // into the network before anyone reads it.
  const workspace = createTrainingWorkspace(network, options.batchSize, {
    sparseInputs: data.inputs instanceof Uint8Array,
    kernels: options.kernels,
    threads: options.threads,
    onNotice: options.onNotice,
  });
  const update: UpdateOptions = {
    optimizer,
    workspace,
    lambda: options.lambda ?? 0,
    trainingSize: data.length,
    regularization: options.regularization,
    weightDecay: options.weightDecay,
  };
  // What always predicting the most frequent class scores, for collapseWarning (one pass over the labels).
  const chance = {
    validation: options.validation && chanceAccuracy(options.validation),
    test: options.test && chanceAccuracy(options.test),
    training: options.monitorTraining ? chanceAccuracy(data) : undefined,
  };
  // Byte images train from their stored form, so their dense copy is never filled.
  const batches = makeBatches(data, {
    batchSize: options.batchSize,
    rng,
    dtype: network.dtype,
    layout: workspace.firstLayer ? "bytes" : "dense",
  });
  const sync = () => workspace.syncToNetwork();
  try {
    return yield* epochs();
  } finally {
    sync(); // whatever ends the run (return, a throw, the caller's return()), w¹ is current
    workspace.close();
  }

  function* epochs(): Generator<void, TrainResult> {
    const first = resume?.epoch ?? 0;
    const end = first + options.epochs - history.length;
    for (let epoch = first; epoch < end; epoch++) {
      const eta = schedule.eta;
      const started = performance.now();
      let batch = 0;
      for (const mini of batches) {
        if (options.signal?.aborted) {
          sync();
          return { history, stoppedBy: "abort" };
        }
        const firstLayer = workspace.firstLayer;
        if (firstLayer && mini.bytes) firstLayer.setInputBytes(mini.bytes);
        else if (firstLayer && mini.sparse) firstLayer.setInput(mini.sparse);
        const input = firstLayer ?? mini.inputs;
        update.samples = mini.indices; // for naming a sample if the update diverges
        const result = updateMiniBatch(network, input, mini.targets, eta, update);
        batch++;
        // The optimizer checks finiteness in its update loop; only on failure is the
        // divergence diagnosed (what went NaN or ±∞ first: data, activation, cost or weights).
        if (!result.finite) {
          sync();
          throw new DivergenceError(epoch, batch, result.divergence, eta);
        }
        options.onBatch?.({ epoch, batch, batches: batches.count, sync });
        yield;
      }
      sync();
      const seconds = (performance.now() - started) / 1000;
      const record: EpochRecord = { epoch, eta, seconds, samplesPerSecond: data.length / seconds };
      if (options.test) record.test = evaluateData(network, options.test, options.lambda);
      if (options.validation)
        record.validation = evaluateData(network, options.validation, options.lambda);
      if (options.monitorTraining) record.training = evaluateData(network, data, options.lambda);
      for (const part of ["test", "validation", "training"] as const) {
        const cost = record[part]?.cost;
        if (cost !== undefined && !Number.isFinite(cost)) {
          const evaluated = part === "training" ? data : (options[part] as LabelledSamples);
          const step: StepSettings = {
            eta,
            lambda: options.lambda ?? 0,
            trainingSize: data.length,
            regularization: options.regularization ?? "l2",
          };
          throw new DivergenceError(
            epoch,
            batch,
            diagnoseEvaluation(network, evaluated, part, step),
            eta,
          );
        }
      }
      const warning = collapseWarning(history, record, chance);
      if (warning) record.warning = warning;
      history.push(record);
      options.onEpoch?.(record);
      const accuracy = record.validation?.accuracy;
      let stop: TrainResult["stoppedBy"] | undefined;
      if (options.earlyStop && accuracy !== undefined) {
        if (accuracy > best.accuracy) {
          best = {
            accuracy,
            epoch,
            parameters: parametersOf(network).map((m) => Float64Array.from(m.data)),
          };
        } else if (epoch - best.epoch >= options.earlyStop.patience) {
          stop = "early-stop";
        }
      }
      if (options.schedule && !stop) {
        schedule = advanceSchedule(options.schedule, schedule, epoch, accuracy);
        if (schedule.stop) stop = "schedule";
      }
      options.onCheckpoint?.({
        epoch: epoch + 1,
        rng: rng.getState(),
        optimizer: optimizer.getState(),
        schedule,
        best:
          best.epoch < 0
            ? null
            : { ...best, parameters: best.parameters.map((p) => plainNumbers(p)) },
        history: [...history],
      });
      if (stop) return finish(network, workspace, history, stop, options, best);
    }
    return finish(network, workspace, history, "epochs", options, best);
  }
}

interface Best {
  accuracy: number;
  epoch: number;
  parameters: Float64Array[];
}

function parametersOf(network: Network): Matrix[] {
  return [...network.weights, ...network.biases];
}

function finish(
  network: Network,
  workspace: TrainingWorkspace,
  history: EpochRecord[],
  stoppedBy: TrainResult["stoppedBy"],
  options: TrainOptions,
  best: Best,
): TrainResult {
  if (!options.earlyStop || best.epoch < 0) return { history, stoppedBy };
  for (const [k, m] of parametersOf(network).entries()) m.data.set(best.parameters[k]);
  workspace.loadFromNetwork(); // so the final sync keeps the best w¹, not the last
  return { history, stoppedBy, bestEpoch: best.epoch };
}
