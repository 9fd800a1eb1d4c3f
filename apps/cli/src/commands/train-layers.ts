import { expandByShifts } from "@backprop/datasets";
import { Rng } from "@backprop/linalg";
import { toLayerModelFile } from "@backprop/network";
import {
  type LayerTrainingState,
  type TrainLayersResult,
  trainLayersAsync,
} from "@backprop/optimizers";
import { loadDataset } from "../data";
import { UsageError } from "../errors";
import { stopOnCtrlC } from "../interrupt";
import { checkWritable, writeJsonFileAtomic } from "../io/atomic-write";
import { readLayerCheckpoint, writeLayerCheckpoint } from "../layer-checkpoint";
import { buildLayerNetwork, inputShapeOf, parseLayerSpec } from "../layer-spec";
import type { Output } from "../output";
import { createEpochProgress } from "../progress";
import { resumedSettings } from "../resume-flags";
import {
  buildThreads,
  type LayerTrainSettings,
  layerThreads,
  resolveLayerSettings,
} from "../train-settings";
import { epochLine, percent } from "./train";

/**
 * `backprop train --preset conv1` or `--layers conv:20x5,maxpool:2,dense:100,dense:10`: a
 * LayerNetwork (the book's chapter 6) trained by trainLayers, with the seed's epoch lines;
 * `--checkpoint FILE` saves everything after each epoch, `--resume FILE` continues it.
 */
export async function runTrainLayers(
  flags: Record<string, unknown>,
  explicit: Set<string>,
  output: Output,
): Promise<void> {
  const save = flags.save as string | undefined;
  const checkpoint = flags.checkpoint as string | undefined;
  // Before any long work: a bad --save or --checkpoint path found after training loses it.
  if (save) checkWritable(save, "--save");
  if (checkpoint) checkWritable(checkpoint, "--checkpoint");
  const resumePath = flags.resume as string | undefined;
  const loaded = resumePath
    ? readLayerCheckpoint(resumePath, buildThreads(layerThreads(flags.threads)))
    : undefined;
  const settings: LayerTrainSettings = loaded
    ? {
        ...resumedSettings(flags, explicit, loaded.checkpoint.settings, resumePath as string),
        threads: layerThreads(flags.threads),
      }
    : resolveLayerSettings(flags, explicit);
  const resume: LayerTrainingState | undefined = loaded?.checkpoint.state;
  const entries = parseLayerSpec(settings.layers);
  const data = await loadDataset(settings.dataset, {
    ...settings,
    sha256: flags.sha256 as string[] | undefined,
  });
  const training = settings.expand ? expandByShifts(data.training) : data.training;
  const classes = training.classes;
  const last = entries[entries.length - 1];
  if (last.kind === "dense" && last.outputs !== classes) {
    throw new UsageError(
      `--layers: ${settings.dataset} has ${classes} classes, so the last layer must be dense:${classes}; got dense:${last.outputs}`,
    );
  }
  // The weights, then the dropout masks; a resumed run's masks continue its generator.
  const rng = loaded?.masks ?? new Rng(settings.seed);
  const network =
    loaded?.network ??
    buildLayerNetwork(entries, {
      input: inputShapeOf(training.sampleShape, training.features),
      activation: settings.activation,
      outputActivation: settings.outputActivation,
      cost: settings.cost,
      init: settings.init,
      rng,
      dtype: settings.dtype,
      threads: buildThreads(settings.threads),
    });
  const expanded = settings.expand
    ? ` (expanded ×5 by one-pixel shifts from ${data.training.length})`
    : "";
  output.say(
    `Training ${settings.layers} (${settings.activation}, ${settings.outputActivation} output, ${settings.cost} cost, ${settings.init} init${settings.dtype === "float32" ? ", float32" : ""}${settings.threads === 2 ? ", 2 threads" : ""}) on ${data.description}: ` +
      `${training.length} samples${expanded}, sgd η = ${settings.eta}${settings.lambda ? `, λ = ${settings.lambda}` : ""}, mini-batch ${settings.batchSize}, ${settings.epochs} epochs, seed ${settings.seed}${shuffleNote(settings.shuffle)}` +
      (resume ? `; resuming at epoch ${resume.epoch}` : ""),
  );
  let lastState = resume;
  const { controller, release } = stopOnCtrlC();
  const progress = createEpochProgress(output);
  let result: TrainLayersResult;
  try {
    result = await trainLayersAsync(network, training, {
      sliceMs: 50,
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      eta: settings.eta,
      lambda: settings.lambda,
      seed: settings.seed,
      shuffle: settings.shuffle,
      threads: settings.threads,
      resume,
      test: data.test,
      validation: data.validation,
      signal: controller.signal,
      onBatch: (p) => progress.update(p.epoch, p.batch, p.batches),
      onEpoch: (r, state) => {
        progress.stop();
        output.say(epochLine(r), true);
        output.record({ event: "epoch", ...r });
        if (checkpoint) writeLayerCheckpoint(checkpoint, settings, network, state, rng);
        lastState = state;
      },
    });
  } finally {
    progress.stop();
    release();
  }
  const kept = result.stoppedBy === "abort" ? undefined : result.history.at(-1);
  if (result.stoppedBy === "abort") {
    const held =
      checkpoint && lastState
        ? ` ${checkpoint} holds the state after epoch ${lastState.epoch - 1}; --resume ${checkpoint} continues from there.`
        : "";
    output.say(`Stopped by Ctrl-C during epoch ${result.history.length}.${held}`, true);
  }
  if (save) {
    writeJsonFileAtomic(
      save,
      toLayerModelFile(network, {
        settings,
        epochsTrained: result.history.length,
        testAccuracy: kept?.test?.accuracy,
        validationAccuracy: kept?.validation?.accuracy,
        savedAt: new Date().toISOString(),
        ...(training.classNames ? { classNames: training.classNames } : {}),
      }),
      "--save",
    );
    output.say(
      `Saved the model to ${save}` +
        (result.stoppedBy === "abort"
          ? ` (weights from the middle of epoch ${result.history.length}, not evaluated)`
          : ""),
    );
  }
  const best = result.bestEpoch === undefined ? undefined : result.history[result.bestEpoch];
  output.record({
    event: "summary",
    stoppedBy: result.stoppedBy,
    epochs: result.history.length,
    bestEpoch: result.bestEpoch,
    bestValidationAccuracy: best?.validation?.accuracy,
    testAccuracyAtBest: result.testAtBest?.accuracy,
    finalTestAccuracy: result.history.at(-1)?.test?.accuracy,
    seconds: result.history.reduce((s, r) => s + r.seconds, 0),
    saved: save,
  });
  // network3's report: the test accuracy of the epoch with the best validation accuracy.
  if (best && result.history.length > 1) {
    const on = best.validation
      ? `validation ${percent(best.validation.correct, best.validation.total)}, `
      : "";
    const test = result.testAtBest;
    output.say(
      `Best: epoch ${best.epoch}, ${on}test ${test ? `${test.correct} / ${test.total} (${percent(test.correct, test.total)})` : "not evaluated"}`,
    );
  }
  if (result.stoppedBy === "abort") process.exitCode = 130;
}

/** How the run orders its mini-batches, for the opening line (nothing for the default). */
function shuffleNote(shuffle: LayerTrainSettings["shuffle"]): string {
  if (shuffle === "never") return ", batches in the data's order (network3's)";
  if (shuffle === "once") return ", one shuffle for all epochs (network3's)";
  return "";
}
