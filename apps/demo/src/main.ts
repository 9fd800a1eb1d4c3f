/**
 * The page: wires the controls, the training worker and the views together. The worker
 * trains and answers; the page only draws, so input and drawing stay smooth while it learns.
 */
import "./styles.css";
import { getActivation } from "@backprop/activations";
import { CUSTOM_ACTIVATIONS, registerCustomActivations } from "./custom-activations";
import { downloadOnnx } from "./download-onnx";
import { createDrawingPredictor } from "./drawing-predictor";
import { onLanguageChange, startI18n, t } from "./i18n/i18n";
import { LatestRequest } from "./latest-request";
import { MirrorNetwork } from "./mirror-network";
import { enableOffline } from "./offline";
import { pairProblem } from "./pair-warnings";
import type { DataInfo, TrainerEvent, TrainerStatus } from "./protocol";
import { isTwoD, SettingsError } from "./settings";
import { TrainerClient } from "./trainer-client";
import { createControls } from "./ui/controls";
import { createConvSteps } from "./ui/conv-steps";
import { createConvView } from "./ui/conv-view";
import { showCustomActivations } from "./ui/custom-activations-panel";
import { createDecisionRegions } from "./ui/decision-regions";
import { byId, focusableScrollers } from "./ui/dom";
import { createDrawPanel, type Drawing } from "./ui/draw-panel";
import { createEpochCharts } from "./ui/epoch-charts";
import { showFirstSteps } from "./ui/first-steps-view";
import { createMissedGallery, MISSED_LIMIT } from "./ui/missed-gallery";
import { isSmallNetwork, renderNetworkGraph } from "./ui/network-graph";
import { createStatusLine } from "./ui/status-line";
import { createStepThrough } from "./ui/step-through";
import { createWeightImages } from "./ui/weight-images";
import { startWhyDp } from "./ui/why-dp";

registerCustomActivations();
startI18n();
focusableScrollers();

const client = new TrainerClient();
const mirror = new MirrorNetwork();
const controls = createControls(CUSTOM_ACTIVATIONS.map((c) => c.activation.name));
const charts = createEpochCharts();
/** Epochs trained since the network was made: 0 means its answers are guesses. */
let epochsTrained = 0;
/** The conv net is the worker's network (MNIST only); else the FC net. */
let isConv = false;
const convView = createConvView();
const drawingPredictor = createDrawingPredictor({
  mirror,
  isConv: () => isConv,
  requests: new LatestRequest<Drawing>((id, drawing) =>
    client.send({ type: "predictDrawing", id, input: drawing.input }),
  ),
  showOutput: (output) => draw.showOutput(output),
  showMaps: (prediction, drawing) => convView.showDrawing(prediction, drawing),
});
const draw = createDrawPanel(() => epochsTrained > 0, drawingPredictor.predict);
const weights = createWeightImages();
const regions = createDecisionRegions(mirror);
const steps = createStepThrough(
  (index) => client.send({ type: "trace", index, purpose: "step" }),
  () => mirror.current?.weights,
);
const convSteps = createConvSteps((index) =>
  client.send({ type: "trace", index, purpose: "step" }),
);
const missed = createMissedGallery(() =>
  client.send({ type: "misclassified", limit: MISSED_LIMIT }),
);
const statusLine = createStatusLine();
const whyDp = startWhyDp();
const progress = byId<HTMLProgressElement>("epoch-progress");
let info: DataInfo | undefined;
let status: TrainerStatus = "loading";
let pendingSnapshot = false;
let sizes: number[] = [];
const showSizes = () => {
  byId("layer-sizes").textContent = sizes.length ? t().layerSizes(sizes.join("-")) : "";
};
onLanguageChange(showSizes);

function setStatus(next: TrainerStatus): void {
  status = next;
  byId("status").dataset.status = next;
  controls.setStatus(next);
}

/** Views that follow the weights redraw at most once per frame. */
function redrawFromWeights(): void {
  pendingSnapshot = false;
  if (info && isTwoD(info.dataset)) {
    regions.redraw();
    const network = mirror.current;
    if (network && isSmallNetwork(network.sizes))
      renderNetworkGraph(
        byId("regions-graph"),
        network.sizes,
        network.weights,
        t().graphLabel(network.sizes.join("-")),
      );
  } else draw.refresh();
}

/** Sends the form's settings: the worker stops any run, loads the data, makes a fresh network. */
function configure(): boolean {
  const settings = controls.read();
  if (settings instanceof SettingsError) return false;
  // The conv net's panels replace the FC net's views and fields (MNIST only).
  isConv = settings.kind === "conv" && !isTwoD(settings.dataset);
  document.body.classList.toggle("is-conv", isConv);
  // Answers on their way are the old network's; the new one is asked once it exists.
  drawingPredictor.reset();
  charts.clear();
  missed.clear();
  epochsTrained = 0;
  progress.value = 0;
  client.send({ type: "configure", settings, mnistUrl: new URL("mnist/", document.baseURI).href });
  return true;
}

/** Why a run diverged: an output/cost pair that cannot learn, else (most likely) η. */
function divergenceCause(): string {
  const output = byId<HTMLSelectElement>("output-activation").value;
  const cost = byId<HTMLSelectElement>("cost").value;
  const problem = pairProblem(getActivation(output), cost);
  const m = t();
  if (problem === "notProbabilities") return ` — ${m.pairNotProbabilities(output, cost)}`;
  if (problem === "notNormalised") return ` — ${m.pairNotNormalised(output)}`;
  return m.divergedHint;
}

function handle(event: TrainerEvent): void {
  switch (event.type) {
    case "status":
      setStatus(event.status);
      statusLine.show({ kind: "status", ...event }, info);
      if (event.status === "done" && info?.dataset === "mnist" && epochsTrained > 0 && !isConv)
        client.send({ type: "misclassified", limit: MISSED_LIMIT });
      break;
    case "data": {
      info = event.info;
      const twoD = isTwoD(info.dataset);
      document.body.classList.toggle("is-two-d", twoD);
      if (twoD && info.points && info.labels) regions.setPoints(info.points, info.labels);
      byId<HTMLInputElement>("trace-index").max = String(info.testSize - 1);
      break;
    }
    case "parameters":
      mirror.update(event.snapshot);
      sizes = event.snapshot.sizes;
      showSizes();
      whyDp.showNetwork(event.snapshot.sizes);
      if (!info || !isTwoD(info.dataset)) weights.show(event.snapshot, event.initial === true);
      if (!pendingSnapshot) {
        pendingSnapshot = true;
        requestAnimationFrame(redrawFromWeights);
      }
      break;
    case "conv":
      convView.show(event.snapshot);
      draw.refresh(); // the net changed: ask it about the drawing again
      break;
    case "convTrace":
      if (event.purpose === "draw") draw.showInput(event.trace.input, event.trace.index);
      else convSteps.show(event.trace);
      break;
    case "drawingPrediction":
      drawingPredictor.answer(event.id, event.prediction);
      break;
    case "progress":
      progress.value = event.batches ? event.batch / event.batches : 0;
      if (status === "training")
        statusLine.show({ kind: "progress", rate: event.samplesPerSecond, ...event }, info);
      break;
    case "epoch":
      epochsTrained++;
      charts.add(event.record, event.epochs);
      break;
    case "trace":
      if (event.purpose === "draw") draw.showInput(event.trace.as[0].data, event.trace.index);
      else steps.show(event.trace);
      break;
    case "misclassified":
      missed.show(event.wrong, event.total, event.items);
      break;
    case "error":
      drawingPredictor.reset(); // a request the worker failed on is never answered
      setStatus(status === "loading" ? "error" : status);
      statusLine.show(
        {
          kind: "error",
          message: event.message,
          cause: event.diverged ? divergenceCause : undefined,
        },
        info,
      );
      break;
  }
}

client.on(handle);
controls.setStatus("loading");
// A new data set stops the run (the worker's configure ends it first) and keeps every value
// the user set; only untouched fields take the new set's preset.
// Another kind of network (fc ↔ conv) is another network: the same as a data set change.
controls.onKindChange(() => configure());
controls.onDatasetChange((dataset) => {
  controls.applyPreset(dataset);
  configure();
});
byId<HTMLFormElement>("settings").addEventListener("submit", (event) => {
  event.preventDefault();
  if (configure()) client.send({ type: "start" });
});
byId("pause").addEventListener("click", () => client.send({ type: "pause" }));
byId("resume").addEventListener("click", () => client.send({ type: "resume" }));
byId("stop").addEventListener("click", () => client.send({ type: "stop" }));
byId("reset").addEventListener("click", () => configure());
byId("download-onnx").addEventListener("click", async () => {
  const network = mirror.current;
  if (!network) return;
  const name = `backprop-${network.sizes.join("-")}`;
  try {
    const bytes = await downloadOnnx(network, name, {
      trainedEpochs: epochsTrained,
      dataset: info?.dataset,
      source: "backprop demo",
    });
    byId("download-onnx").dataset.bytes = String(bytes);
  } catch (error) {
    // A custom activation ONNX has no operator for, say: the message names it.
    statusLine.show(
      { kind: "error", message: t().downloadOnnxFailed((error as Error).message) },
      info,
    );
  }
});
let sample = 0;
byId("draw-sample").addEventListener("click", () => {
  client.send({ type: "trace", index: sample++, purpose: "draw" });
});

configure();
// Below the fold: drawn in a later task, so no start-up task grows long.
setTimeout(showCustomActivations, 0);
showFirstSteps();
enableOffline();
