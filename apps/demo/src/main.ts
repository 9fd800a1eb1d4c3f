/**
 * The page: wires the controls, the training worker and the views together. The worker
 * trains and answers; the page only draws, so input and drawing stay smooth while it learns.
 */
import "./styles.css";
import { CUSTOM_ACTIVATIONS, registerCustomActivations } from "./custom-activations";
import { MirrorNetwork } from "./mirror-network";
import { enableOffline } from "./offline";
import type { DataInfo, TrainerEvent, TrainerStatus } from "./protocol";
import { isTwoD, SettingsError } from "./settings";
import { TrainerClient } from "./trainer-client";
import { createControls } from "./ui/controls";
import { showCustomActivations } from "./ui/custom-activations-panel";
import { createDecisionRegions } from "./ui/decision-regions";
import { byId } from "./ui/dom";
import { createDrawPanel } from "./ui/draw-panel";
import { createEpochCharts } from "./ui/epoch-charts";
import { createStepThrough } from "./ui/step-through";
import { createWeightImages } from "./ui/weight-images";
import { startWhyDp } from "./ui/why-dp";

registerCustomActivations();

const client = new TrainerClient();
const mirror = new MirrorNetwork();
const controls = createControls(CUSTOM_ACTIVATIONS.map((c) => c.activation.name));
const charts = createEpochCharts();
const draw = createDrawPanel(mirror);
const weights = createWeightImages();
const regions = createDecisionRegions(mirror);
const steps = createStepThrough((index) => client.send({ type: "trace", index, purpose: "step" }));
const statusLine = byId("status");
const progress = byId<HTMLProgressElement>("epoch-progress");
let info: DataInfo | undefined;
let status: TrainerStatus = "loading";
let pendingSnapshot = false;

function describeData(d: DataInfo): string {
  const name = d.dataset === "mnist" ? "MNIST" : d.dataset;
  return `${name}: ${d.trainingSize.toLocaleString("en")} training and ${d.testSize.toLocaleString("en")} test samples`;
}

function setStatus(next: TrainerStatus, text: string): void {
  status = next;
  statusLine.dataset.status = next;
  statusLine.textContent = text;
  controls.setStatus(next);
}

/** Views that follow the weights redraw at most once per frame. */
function redrawFromWeights(): void {
  pendingSnapshot = false;
  if (info && isTwoD(info.dataset)) regions.redraw();
  else draw.refresh();
}

function configure(): boolean {
  const settings = controls.read();
  if (settings instanceof SettingsError) return false;
  charts.clear();
  progress.value = 0;
  client.send({ type: "configure", settings, mnistUrl: new URL("mnist/", document.baseURI).href });
  return true;
}

function handle(event: TrainerEvent): void {
  switch (event.type) {
    case "status": {
      const d = info ? ` — ${describeData(info)}` : "";
      const text: Record<TrainerStatus, string> = {
        loading: `Loading: ${event.message ?? ""}`,
        idle: `Ready${d}. Press Start to train.`,
        training: `Training${d}…`,
        paused: "Paused. Resume to go on, or Stop.",
        done:
          event.message === "stopped"
            ? "Stopped. Start trains a fresh network."
            : event.message === "diverged"
              ? (statusLine.textContent ?? "")
              : "Finished. Start trains a fresh network.",
        error: statusLine.textContent ?? "Error",
      };
      setStatus(event.status, text[event.status]);
      break;
    }
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
      byId("layer-sizes").textContent = `Layers: ${event.snapshot.sizes.join("-")}.`;
      if (!info || !isTwoD(info.dataset)) weights.show(event.snapshot);
      if (!pendingSnapshot) {
        pendingSnapshot = true;
        requestAnimationFrame(redrawFromWeights);
      }
      break;
    case "progress":
      progress.value = event.batches ? event.batch / event.batches : 0;
      if (status === "training") {
        statusLine.textContent = `Training: epoch ${event.epoch + 1} of ${event.epochs}, mini-batch ${event.batch.toLocaleString("en")} of ${event.batches.toLocaleString("en")} (${Math.round(event.samplesPerSecond).toLocaleString("en")} samples/s with evaluation).`;
      }
      break;
    case "epoch":
      charts.add(event.record, event.epochs);
      break;
    case "trace":
      if (event.purpose === "draw") draw.showInput(event.trace.as[0].data);
      else steps.show(event.trace);
      break;
    case "error":
      setStatus(status === "loading" ? "error" : status, `Error: ${event.message}`);
      break;
  }
}

client.on(handle);
controls.setStatus("loading");
controls.onDatasetChange((dataset) => {
  controls.applyPreset(dataset);
  if (status !== "training" && status !== "paused") configure();
});
byId<HTMLFormElement>("settings").addEventListener("submit", (event) => {
  event.preventDefault();
  if (configure()) client.send({ type: "start" });
});
byId("pause").addEventListener("click", () => client.send({ type: "pause" }));
byId("resume").addEventListener("click", () => client.send({ type: "resume" }));
byId("stop").addEventListener("click", () => client.send({ type: "stop" }));
byId("reset").addEventListener("click", () => configure());
let sample = 0;
byId("draw-sample").addEventListener("click", () => {
  client.send({ type: "trace", index: sample++, purpose: "draw" });
});

configure();
// Below the fold: drawn in later tasks, so no start-up task grows long.
setTimeout(showCustomActivations, 0);
setTimeout(startWhyDp, 0);
enableOffline();
