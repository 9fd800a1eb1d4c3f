import { getActivation } from "@backprop/activations";
import type { ClassificationData } from "@backprop/datasets";
import { Network, toModelFile } from "@backprop/network";
import {
  chanceAccuracy,
  createOptimizer,
  DivergenceError,
  type EpochRecord,
  type TrainingState,
  trainAsync,
} from "@backprop/optimizers";
import { readCheckpoint, writeCheckpoint } from "../checkpoint";
import { loadDataset } from "../data";
import { UsageError } from "../errors";
import { stopOnCtrlC } from "../interrupt";
import { checkWritable, writeJsonFileAtomic } from "../io/atomic-write";
import { isLayerCheckpoint } from "../layer-checkpoint";
import type { Output } from "../output";
import { createEpochProgress } from "../progress";
import { refuseChangedFlags, resumedSettings } from "../resume-flags";
import { isLayerRun, resolveSettings, type TrainSettings } from "../train-settings";
import { runTrainLayers } from "./train-layers";

export interface TrainFlags extends Record<string, unknown> {
  save?: string;
  checkpoint?: string;
  resume?: string;
}

export function percent(correct: number, total: number): string {
  return `${((100 * correct) / total).toFixed(2)}%`;
}

/** "Epoch 0: 9129 / 10000" as the seed prints it, then accuracy and time. */
export function epochLine(r: Omit<EpochRecord, "warning" | "training">): string {
  const evaluation = r.test ?? r.validation;
  const score = evaluation ? `${evaluation.correct} / ${evaluation.total}` : "complete";
  const extra = [
    evaluation && percent(evaluation.correct, evaluation.total),
    r.validation && r.test && `validation ${percent(r.validation.correct, r.validation.total)}`,
    `${r.seconds.toFixed(2)} s`,
    `${Math.round(r.samplesPerSecond)} samples/s`,
  ].filter(Boolean);
  return `Epoch ${r.epoch}: ${score}  (${extra.join(", ")})`;
}

/** `backprop train`: by default the seed's experiment on MNIST. */
export async function runTrain(
  flags: TrainFlags,
  explicit: Set<string>,
  output: Output,
): Promise<void> {
  // A layer preset (conv1, …) or a layer spec in --layers: a LayerNetwork.
  if (flags.resume) refuseChangedFlags(explicit);
  const layerResume = typeof flags.resume === "string" && isLayerCheckpoint(flags.resume);
  if (isLayerRun(flags) || layerResume) return runTrainLayers(flags, explicit, output);
  if (explicit.has("shuffle")) {
    throw new UsageError(
      "--shuffle is for layer networks (a conv preset or a layer spec in --layers); size-list networks shuffle every epoch, as the seed does",
    );
  }
  let settings: TrainSettings;
  let network: Network;
  let resume: TrainingState | undefined;
  // Before any long work: a bad --save or --checkpoint path found after training loses it.
  if (flags.save) checkWritable(flags.save, "--save");
  if (flags.checkpoint) checkWritable(flags.checkpoint, "--checkpoint");
  if (flags.resume) {
    const loaded = readCheckpoint(flags.resume);
    settings = resumedSettings(flags, explicit, loaded.checkpoint.settings, flags.resume);
    network = loaded.network;
    resume = loaded.checkpoint.state;
  } else {
    settings = resolveSettings(flags);
    network = new Network({
      sizes: settings.layers,
      activation: getActivation(settings.activation),
      outputActivation: getActivation(settings.outputActivation),
      cost: settings.cost,
      init: settings.init,
      seed: settings.seed,
      dtype: settings.dtype,
    });
  }
  const threads = threadsFlag(flags.threads as string | undefined);
  const data = await loadDataset(settings.dataset, {
    ...settings,
    sha256: flags.sha256 as string[] | undefined,
  });
  if (
    data.training.features !== network.sizes[0] ||
    data.training.classes !== network.sizes[network.sizes.length - 1]
  ) {
    throw new UsageError(
      `--layers: ${settings.dataset} has ${data.training.features} inputs and ${data.training.classes} classes, so the layers must start with ${data.training.features} and end with ${data.training.classes}; got ${settings.layers.join(",")}`,
    );
  }
  output.say(
    `Training ${settings.layers.join("-")} (${settings.activation}${settings.outputActivation !== settings.activation ? `, ${settings.outputActivation} output` : ""}, ${settings.cost} cost, ${settings.init} init) on ${data.description}: ` +
      `${data.training.length} samples, ${settings.optimizer} η = ${settings.eta}${settings.lambda ? `, λ = ${settings.lambda}${settings.weightDecay === "coupled" ? " (coupled)" : ""}` : ""}, mini-batch ${settings.batchSize}, ${settings.epochs} epochs, seed ${settings.seed}` +
      (network.dtype === "float32" ? ", float32" : "") +
      (threads === 2 ? ", 2 threads" : threads === 1 ? ", 1 thread" : "") +
      (flags.kernels && flags.kernels !== "auto" ? `, kernels ${flags.kernels}` : "") +
      (resume ? `; resuming at epoch ${resume.epoch}` : ""),
  );
  const { controller, release } = stopOnCtrlC();
  const progress = createEpochProgress(output);
  let lastState: TrainingState | undefined = resume;
  let result: Awaited<ReturnType<typeof trainAsync>>;
  try {
    // trainAsync gives the event loop a turn every 50 ms, so Ctrl-C is heard mid-epoch.
    result = await trainAsync(network, data.training, {
      sliceMs: 50,
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      threads,
      kernels: flags.kernels as "auto" | "js" | "fma" | undefined,
      onNotice: (message) => process.stderr.write(`${message}\n`),
      eta: settings.eta,
      lambda: settings.lambda,
      regularization: settings.regularization,
      weightDecay: settings.weightDecay,
      optimizer: createOptimizer(settings.optimizer, settings),
      seed: settings.seed,
      test: data.test,
      validation: data.validation,
      earlyStop: settings.earlyStop === undefined ? undefined : { patience: settings.earlyStop },
      resume,
      signal: controller.signal,
      onBatch: (p) => progress.update(p.epoch, p.batch, p.batches),
      onEpoch: (r) => {
        progress.stop();
        output.say(epochLine(r), true);
        if (r.warning) process.stderr.write(`warning: epoch ${r.epoch}: ${r.warning.message}\n`);
        output.record({ event: "epoch", ...r });
      },
      onCheckpoint: (state) => {
        lastState = state;
        if (flags.checkpoint) writeCheckpoint(flags.checkpoint, settings, network, state);
      },
    });
  } catch (error) {
    progress.stop();
    if (error instanceof DivergenceError && flags.checkpoint && lastState) {
      error.message += ` The checkpoint ${flags.checkpoint} still holds the state after epoch ${lastState.epoch - 1}.`;
    }
    throw error;
  } finally {
    release();
  }
  progress.stop();
  const best = result.history.reduce<EpochRecord | undefined>(
    (b, r) => (!b || (r.test?.accuracy ?? 0) > (b.test?.accuracy ?? 0) ? r : b),
    undefined,
  );
  warnIfNeverLearned(result.history, data, settings.eta);
  if (result.stoppedBy === "abort") {
    output.say(
      `Stopped by Ctrl-C during epoch ${lastState?.epoch ?? 0}.` +
        (flags.checkpoint && lastState
          ? ` ${flags.checkpoint} holds the state after epoch ${lastState.epoch - 1}; --resume ${flags.checkpoint} continues from there.`
          : ""),
      true,
    );
  }
  // The epoch whose weights the network holds now: the best on validation after early
  // stopping, none after Ctrl-C (stopped mid-epoch, not evaluated), else the last.
  const kept =
    result.stoppedBy === "early-stop"
      ? result.history.find((r) => r.epoch === result.bestEpoch)
      : result.stoppedBy === "abort"
        ? undefined
        : result.history.at(-1);
  if (result.stoppedBy === "early-stop") {
    const scores = [
      kept?.validation && `validation ${percent(kept.validation.correct, kept.validation.total)}`,
      kept?.test && `test ${kept.test.correct} / ${kept.test.total}`,
    ].filter(Boolean);
    output.say(
      `Early stopping: kept the weights of epoch ${result.bestEpoch}, the best on validation${scores.length ? ` (${scores.join(", ")})` : ""}.`,
    );
  }
  if (flags.save) {
    writeJsonFileAtomic(
      flags.save,
      toModelFile(network, {
        settings,
        epochsTrained: result.history.length,
        testAccuracy: kept?.test?.accuracy,
        validationAccuracy: kept?.validation?.accuracy,
        savedAt: new Date().toISOString(),
        // A CSV's label names, so predict and evaluate print "virginica", not 2.
        ...(data.training.classNames ? { classNames: data.training.classNames } : {}),
      }),
      "--save",
    );
    output.say(
      `Saved the model to ${flags.save}` +
        (result.stoppedBy === "abort"
          ? ` (weights from the middle of epoch ${lastState?.epoch ?? 0}, not evaluated)`
          : ""),
    );
  }
  output.record({
    event: "summary",
    stoppedBy: result.stoppedBy,
    epochs: result.history.length,
    bestEpoch: best?.epoch,
    bestTestAccuracy: best?.test?.accuracy,
    finalTestAccuracy: result.history.at(-1)?.test?.accuracy,
    seconds: result.history.reduce((s, r) => s + r.seconds, 0),
    saved: flags.save,
  });
  // After early stopping the line above names the weights kept; a best test epoch beside
  // it would read as if those were its weights.
  if (best?.test && result.history.length > 1 && result.stoppedBy !== "early-stop") {
    output.say(
      `Best: epoch ${best.epoch}, ${best.test.correct} / ${best.test.total} (${percent(best.test.correct, best.test.total)})`,
    );
  }
  if (result.stoppedBy === "abort") process.exitCode = 130;
}

/**
 * A run that never rose above chance (the share of the most frequent class) has learned
 * nothing, however finite its weights: say so, since every epoch line looked normal (the
 * collapse warning covers runs that were above chance and fell).
 */
function warnIfNeverLearned(
  history: readonly EpochRecord[],
  data: { test: ClassificationData; validation?: ClassificationData },
  eta: number,
): void {
  const on = data.validation ? "validation" : "test";
  const scores = history.map((r) => r[on]?.accuracy).filter((a) => a !== undefined);
  if (scores.length < 2) return;
  const chance = chanceAccuracy(data[on] as ClassificationData);
  const best = Math.max(...scores);
  if (best > chance + (1 - chance) / 20) return;
  process.stderr.write(
    `warning: accuracy on the ${on} data never rose above chance (best ${percent(best, 1)}; always answering the most frequent class scores ${percent(chance, 1)}): the network has not learned. η = ${eta} may be far too large (saturated units) or too small; try η = ${eta / 10} and η = ${eta * 10}.\n`,
  );
}

/**
 * --threads: 1, 2, or auto (the default). "auto" starts a second thread where the first
 * layer is wide enough to share and keeps it only while it measures faster, checking again
 * as training runs, so a busy machine (a browser open beside it) costs little.
 */
function threadsFlag(flag: string | undefined): 1 | 2 | "auto" {
  return flag === "1" ? 1 : flag === "2" ? 2 : "auto";
}
