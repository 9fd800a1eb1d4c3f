/**
 * The status line under the training buttons: what the worker is doing, in words of the
 * page's language — what is loading and how far (MNIST's 11 MB), ready, training (with the
 * epoch and mini-batch), paused, stopped, finished, or the error and its likely cause.
 * It keeps the last event, so a language switch rewrites it at once.
 */
import { formatCount, onLanguageChange, t } from "../i18n/i18n";
import type { DataInfo, LoadingProgress, TrainerStatus } from "../protocol";
import { byId } from "./dom";

export type StatusText =
  | { kind: "status"; status: TrainerStatus; message?: string; loading?: LoadingProgress }
  | {
      kind: "progress";
      epoch: number;
      epochs: number;
      batch: number;
      batches: number;
      rate: number;
    }
  | { kind: "error"; message: string; cause?: () => string };

const DATASET_NAMES = {
  moons: "datasetMoons",
  circles: "datasetCircles",
  spirals: "datasetSpirals",
  xor: "datasetXor",
} as const;

function describeData(d: DataInfo | undefined): string {
  if (!d) return "";
  const m = t();
  const [training, test] = [formatCount(d.trainingSize), formatCount(d.testSize)];
  return d.dataset === "mnist"
    ? m.dataMnist(training, test)
    : m.data2d(m[DATASET_NAMES[d.dataset]], training, test);
}

function loadingText(loading: LoadingProgress | undefined): string {
  const m = t();
  if (loading?.what === "twoD") return m.statusMaking2d;
  if (!loading || loading.loaded === 0) return m.statusLoadingMnist;
  if (loading.loaded >= loading.total) return m.statusLoadingMnistUnpack;
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const percent = Math.floor((100 * loading.loaded) / loading.total);
  return m.statusLoadingMnistProgress(mb(loading.loaded), mb(loading.total), percent);
}

export interface StatusLine {
  show(text: StatusText, info: DataInfo | undefined): void;
}

export function createStatusLine(): StatusLine {
  const line = byId("status");
  let last: { text: StatusText; info: DataInfo | undefined } | undefined;

  function render(): void {
    if (!last) return;
    const { text, info } = last;
    const m = t();
    if (text.kind === "error") {
      line.textContent = m.statusError(`${text.message}${text.cause?.() ?? ""}`);
      return;
    }
    if (text.kind === "progress") {
      line.textContent = m.statusProgress(
        text.epoch + 1,
        text.epochs,
        formatCount(text.batch),
        formatCount(text.batches),
        formatCount(Math.round(text.rate)),
      );
      return;
    }
    line.dataset.status = text.status;
    const words: Record<TrainerStatus, () => string> = {
      loading: () => loadingText(text.loading),
      idle: () => m.statusIdle(describeData(info)),
      training: () => m.statusTraining(describeData(info)),
      paused: () => m.statusPaused,
      done: () => (text.message === "stopped" ? m.statusStopped : m.statusFinished),
      error: () => line.textContent ?? "",
    };
    line.textContent = words[text.status]();
  }

  onLanguageChange(render);
  return {
    show(text, info) {
      // A run that ended on an error keeps the error's words (its status says "done").
      if (text.kind === "status" && text.status === "done" && text.message === "diverged") {
        line.dataset.status = "done";
        return;
      }
      last = { text, info };
      render();
    },
  };
}
