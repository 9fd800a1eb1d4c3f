/**
 * The data sets of the page, made in the worker: MNIST fetched once from the site's own
 * assets (gzipped IDX files, see plugins/mnist-assets.ts), or a 2-D synthetic set.
 */
import {
  type ClassificationData,
  fetchMnist,
  type MnistSeedSplit,
  makeCircles,
  makeMoons,
  makeSpirals,
  makeXor,
} from "@backprop/datasets";
import { Rng } from "@backprop/linalg";
import type { Settings } from "../settings";
import { cachedFetch } from "./cached-fetch";

export interface DataSets {
  training: ClassificationData;
  test: ClassificationData;
}

/** The IDX files as the build names them (gzipped). */
const MNIST_GZ = {
  trainImages: "train-images-idx3-ubyte.gz",
  trainLabels: "train-labels-idx1-ubyte.gz",
  testImages: "t10k-images-idx3-ubyte.gz",
  testLabels: "t10k-labels-idx1-ubyte.gz",
};

let mnist: Promise<MnistSeedSplit> | undefined;

/**
 * MNIST in the seed's split, fetched on first use (from the Cache API after the first
 * visit) and kept for every later run of this page.
 */
function loadMnist(baseUrl: string): Promise<MnistSeedSplit> {
  mnist ??= fetchMnist(baseUrl, { split: "seed", files: MNIST_GZ, fetch: cachedFetch }).catch(
    (error) => {
      mnist = undefined; // let a later configure try again
      throw error;
    },
  );
  return mnist;
}

const TWO_D_TRAINING = 400;
const TWO_D_TEST = 200;

function makeTwoD(settings: Settings, samples: number, seed: number): ClassificationData {
  const rng = new Rng(seed);
  switch (settings.dataset) {
    case "moons":
      return makeMoons({ samples, noise: 0.15, rng });
    case "circles":
      return makeCircles({ samples, noise: 0.08, rng });
    case "spirals":
      return makeSpirals({ samples, noise: 0.02, rng });
    case "xor":
      return makeXor({ samples, noise: 0.15, rng });
    default:
      throw new RangeError(`unknown 2-D data set "${settings.dataset}"`);
  }
}

/** The training and test sets for `settings`; 2-D sets use seeds derived from the run's seed. */
export async function loadData(settings: Settings, mnistUrl: string): Promise<DataSets> {
  if (settings.dataset === "mnist") {
    const { training, test } = await loadMnist(mnistUrl);
    return {
      training: training.slice(0, Math.min(settings.trainingSize, training.length)),
      test: test.slice(0, Math.min(settings.testSize, test.length)),
    };
  }
  return {
    training: makeTwoD(settings, TWO_D_TRAINING, 2 * settings.seed + 1),
    test: makeTwoD(settings, TWO_D_TEST, 2 * settings.seed + 2),
  };
}
