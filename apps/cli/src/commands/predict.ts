import { fillSample, toMnistInput } from "@backprop/datasets";
import { Matrix } from "@backprop/linalg";
import { isActivatedLayer } from "@backprop/network";
import { loadDataset } from "../data";
import { UsageError } from "../errors";
import { decodeImage } from "../io/decode-image";
import type { GrayImage } from "../io/gray-image";
import { inkOf } from "../io/ink";
import { readRegularFile } from "../io/read-file";
import { renderDigit } from "../io/render-digit";
import {
  assertFits,
  className,
  classNamesOf,
  dataDefaults,
  formatShape,
  modelShape,
} from "../model-data";
import { type LoadedModel, readModel } from "../model-io";
import type { Output } from "../output";

export interface PredictFlags {
  index?: number;
  dataset?: string;
  sha256?: string[];
  seed?: number;
  top: number;
}

/** A digit photo is kilobytes; a file this large is not one (and is refused before reading). */
const MAX_IMAGE_FILE_BYTES = 64 * 2 ** 20;

function readImage(path: string): GrayImage {
  return decodeImage(readRegularFile(path, "the image", MAX_IMAGE_FILE_BYTES), path);
}

/**
 * Images are read as MNIST's digits: 28×28 grey, centred by mass. A model takes them as
 * 784 numbers (a sizes-list network), 1×28×28 (a layer model's convolution) or 784×1×1 (a
 * layer model starting with a dense layer); a usage error says what this one takes instead.
 */
function assertTakesDigits(model: LoadedModel): void {
  const { input, inputs } = modelShape(model.network);
  if (inputs === 784 && (input.channels === 784 || input.channels === 1)) return;
  const takes =
    model.kind === "layers"
      ? `${formatShape(input)} inputs (${inputs} numbers)`
      : `${inputs} inputs`;
  throw new UsageError(
    `predict: images are read as 28×28 grey digits (1×28×28, 784 numbers), but this model takes ${takes}; ` +
      "give --index N to classify a sample of the data set it was trained on, or use a model trained on MNIST-sized images",
  );
}

/** Whether the output layer is a softmax, whose outputs are already probabilities. */
function softmaxOutput(model: LoadedModel): boolean {
  if (model.kind === "network") return model.network.activations.at(-1)?.name === "softmax";
  const last = model.network.layers[model.network.layers.length - 1];
  return isActivatedLayer(last) && last.activation.name === "softmax";
}

/**
 * `backprop predict <model> <image…>` or `--index N`: ranked outputs and the digit drawn in
 * text, for a model file of either version.
 */
export async function runPredict(
  path: string,
  images: string[],
  flags: PredictFlags,
  output: Output,
): Promise<void> {
  const model = readModel(path);
  const { network, metadata } = model;
  if (images.length === 0 && flags.index === undefined) {
    throw new UsageError(
      "predict: give one or more PNG/PGM images, or --index N for the N-th test image",
    );
  }
  const inputs: { name: string; pixels: Float64Array; label?: number }[] = [];
  let names = classNamesOf(network, metadata);
  if (images.length > 0) assertTakesDigits(model);
  for (const image of images) {
    const picture = readImage(image);
    const pixels =
      toMnistInput(inkOf(picture), picture.width, picture.height) ?? new Float64Array(784);
    inputs.push({ name: image, pixels });
  }
  if (flags.index !== undefined) {
    const { dataset, seed } = dataDefaults(metadata, flags, path);
    const { test } = await loadDataset(dataset, { seed, validation: false, sha256: flags.sha256 });
    assertFits(network, test, dataset);
    names = classNamesOf(network, metadata, test);
    if (flags.index >= test.length)
      throw new UsageError(
        `--index: expected a number below ${test.length} (the test set's size), got ${flags.index}`,
      );
    const x = Matrix.zeros(test.features, 1);
    fillSample(test, flags.index, x, Matrix.zeros(test.classes, 1));
    inputs.push({
      name: `test image ${flags.index}`,
      pixels: Float64Array.from(x.data),
      label: test.labels[flags.index],
    });
  }
  for (const input of inputs) {
    const out = network.feedforward(Matrix.column(input.pixels)).data;
    let total = 0;
    for (const v of out) total += v;
    const ranked = Array.from(out, (value, digit) => ({
      digit,
      output: value,
      probability: total > 0 ? value / total : 0,
    })).sort((a, b) => b.output - a.output);
    const name = (c: number) => className(names, c);
    output.record({
      event: "prediction",
      input: input.name,
      label: input.label,
      predicted: ranked[0].digit,
      ...(names
        ? {
            labelName: input.label === undefined ? undefined : name(input.label),
            predictedName: name(ranked[0].digit),
          }
        : {}),
      ranking: ranked.slice(0, flags.top).map((r) => (names ? { ...r, name: name(r.digit) } : r)),
    });
    if (input.pixels.length === 784) output.say(renderDigit(input.pixels));
    const verdict =
      input.label === undefined
        ? ""
        : input.label === ranked[0].digit
          ? ` (label ${name(input.label)}: right)`
          : ` (label ${name(input.label)}: wrong)`;
    output.say(`${input.name}: ${name(ranked[0].digit)}${verdict}`, true);
    const width = Math.max(...ranked.slice(0, flags.top).map((r) => name(r.digit).length));
    for (const r of ranked.slice(0, flags.top)) {
      const bar = "█".repeat(Math.round(r.probability * 30));
      output.say(
        `  ${name(r.digit).padEnd(width)}  ${(100 * r.probability).toFixed(1).padStart(5)}%  ${bar}`,
        true,
      );
    }
  }
  if (!softmaxOutput(model))
    output.say(
      "(percentages are the output activations normalised to sum to 1; a softmax output layer gives true probabilities)",
    );
}
