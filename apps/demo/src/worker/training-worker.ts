/**
 * The training worker: owns the data and the network, runs training in slices
 * (training-run.ts) and answers the page's commands (protocol.ts). Everything heavy
 * happens here, so the page's main thread stays free for drawing and input.
 */
import { Matrix } from "@backprop/linalg";
import { type LayerNetwork, Network } from "@backprop/network";
import { DivergenceError } from "@backprop/optimizers";
import { convPredictionOf, convSnapshotOf, makeConvNet } from "../conv-net";
import { convTrace } from "../conv-trace";
import { registerCustomActivations } from "../custom-activations";
import type {
  MatrixData,
  TracePurpose,
  TrainerCommand,
  TrainerEvent,
  TrainerStatus,
} from "../protocol";
import { layerSizes, type Settings } from "../settings";
import { type DataSets, loadData } from "./load-data";
import { findMisclassified } from "./misclassified";
import { testSample } from "./test-sample";
import { snapshotOf, TrainingRun } from "./training-run";

registerCustomActivations();

let data: DataSets | undefined;
let network: Network | undefined;
/** The conv net, when settings.kind is "conv" (then `network` is undefined). */
let convNet: LayerNetwork | undefined;
let settings: Settings | undefined;
let run: TrainingRun | undefined;
/** Commands that take time (configure) run in order; pause/resume/stop act at once. */
let queue: Promise<void> = Promise.resolve();

function emit(event: TrainerEvent, transfer: Transferable[] = []): void {
  postMessage(event, { transfer });
}

function status(value: TrainerStatus, message?: string): void {
  emit({ type: "status", status: value, message });
}

function matrixData(m: Matrix): MatrixData {
  return { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
}

async function endRun(): Promise<void> {
  if (!run) return;
  run.stop();
  await run.finished.catch(() => undefined);
  run = undefined;
}

async function configure(next: Settings, mnistUrl: string): Promise<void> {
  await endRun();
  network = undefined;
  convNet = undefined;
  const loading = (progress: TrainerEvent & { type: "status" }) => emit(progress);
  loading({
    type: "status",
    status: "loading",
    loading: { what: next.dataset === "mnist" ? "mnist" : "twoD", loaded: 0, total: 0 },
  });
  data = await loadData(next, mnistUrl, (progress) =>
    loading({ type: "status", status: "loading", loading: progress }),
  );
  settings = next;
  const { training, test } = data;
  if (next.kind === "conv" && next.dataset === "mnist") convNet = makeConvNet(next.seed);
  else
    network = new Network({
      sizes: layerSizes(next, training.features, training.classes),
      activation: next.activation,
      outputActivation: next.outputActivation,
      cost: next.cost,
      init: next.init,
      seed: next.seed,
    });
  const twoD = training.features === 2;
  emit({
    type: "data",
    info: {
      dataset: next.dataset,
      features: training.features,
      classes: training.classes,
      trainingSize: training.length,
      testSize: test.length,
      points: twoD ? Float64Array.from(training.inputs) : undefined,
      labels: twoD ? Uint8Array.from(training.labels) : undefined,
    },
  });
  sendParameters(true);
  status("idle");
}

/** The FC net's weights, or the conv net's filters and feature maps of test digit 0. */
function sendParameters(initial?: boolean): void {
  if (convNet && data) {
    const { x } = testSample(data, 0);
    const snapshot = convSnapshotOf(convNet, x, 0);
    const arrays = [
      snapshot.input,
      snapshot.filters,
      snapshot.biases,
      snapshot.maps,
      snapshot.pooled,
    ];
    emit(
      { type: "conv", snapshot, initial },
      arrays.map((a) => a.buffer),
    );
  } else if (network) {
    const snapshot = snapshotOf(network);
    emit(
      { type: "parameters", snapshot, initial },
      [...snapshot.weights, ...snapshot.biases].map((a) => a.buffer),
    );
  }
}

function start(): void {
  const net = convNet ?? network;
  if (!net || !data || !settings) throw new Error("start: configure the worker first");
  if (run) return;
  const epochs = settings.epochs;
  const current = new TrainingRun(net, data, settings, {
    epoch: (record, epochs) => emit({ type: "epoch", record, epochs }),
    progress: (epoch, batch, batches, samplesPerSecond) =>
      emit({ type: "progress", epoch, epochs, batch, batches, samplesPerSecond }),
    parameters: () => sendParameters(),
  });
  run = current;
  status("training");
  current.finished.then(
    (result) => {
      if (run !== current) return; // replaced by a configure, which reports its own status
      run = undefined;
      status("done", result.stoppedBy === "abort" ? "stopped" : "finished");
    },
    (error: unknown) => {
      if (run !== current) return;
      run = undefined;
      // The page adds the likely cause (an output/cost pair that cannot learn, or η).
      emit({
        type: "error",
        message: (error as Error).message,
        diverged: error instanceof DivergenceError,
      });
      status("done", "diverged");
    },
  );
}

function trace(index: number, purpose: TracePurpose): void {
  if (convNet && data) {
    const { i, x, y } = testSample(data, index);
    const trace = convTrace(convNet, x, y, i, data.test.labels[i]);
    emit({ type: "convTrace", trace, purpose });
    return;
  }
  if (!network || !data) throw new Error("trace: configure the worker first");
  const test = data.test;
  const { i, x, y } = testSample(data, index);
  run?.syncWeights(); // mid-epoch, w¹ may live in the sparse layer's own copy
  const t = network.trace(x, y);
  emit({
    type: "trace",
    trace: {
      index: i,
      label: test.labels[i],
      sizes: [...network.sizes],
      activations: network.activations.map((a) => a.name),
      cost: network.cost.name,
      zs: t.zs.map(matrixData),
      as: t.activations.map(matrixData),
      deltas: t.deltas.map(matrixData),
      nablaB: t.nablaB.map(matrixData),
      nablaW: t.nablaW.map(matrixData),
      sampleShape: [...test.sampleShape],
    },
    purpose,
  });
}

async function handle(command: TrainerCommand): Promise<void> {
  switch (command.type) {
    case "configure":
      return configure(command.settings, command.mnistUrl);
    case "start":
      return start();
    case "trace":
      return trace(command.index, command.purpose);
    case "predictDrawing": {
      // The conv net only: the FC net's drawing is predicted on the page's mirror
      // (mirror-network.ts), so a request reaching an FC net is stale and goes unanswered.
      if (!convNet) return;
      const prediction = convPredictionOf(convNet, Matrix.column(command.input));
      const { input, output, maps, pooled } = prediction;
      emit(
        { type: "drawingPrediction", id: command.id, prediction },
        [input, output, maps, pooled].map((a) => a.buffer),
      );
      return;
    }
    case "misclassified": {
      if (convNet) return; // the gallery shows the FC net's mistakes only
      if (!network || !data) throw new Error("misclassified: configure the worker first");
      run?.syncWeights();
      const found = findMisclassified(network, data.test, command.limit);
      emit(
        { type: "misclassified", ...found },
        found.items.map((item) => item.image.buffer),
      );
      return;
    }
    default:
      return;
  }
}

addEventListener("message", (event: MessageEvent<TrainerCommand>) => {
  const command = event.data;
  if (command.type === "pause" && run && !run.isPaused) {
    run.pause();
    status("paused");
  } else if (command.type === "resume" && run?.isPaused) {
    run.resume();
    status("training");
  } else if (command.type === "stop") {
    run?.stop();
  } else {
    queue = queue
      .then(() => handle(command))
      .catch((error: unknown) => {
        emit({ type: "error", message: (error as Error).message });
        status(network ? "idle" : "error");
      });
  }
});
