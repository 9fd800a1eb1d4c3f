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
import type { LoadingProgress } from "../protocol";
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

/** The four files' gzipped sizes (dist/mnist/*.gz): the total until every response has said its own. */
const MNIST_BYTES = 11_463_245;
const PROGRESS_MS = 100;

let mnist: Promise<MnistSeedSplit> | undefined;

/**
 * `cachedFetch` whose response bodies count their bytes, so the page can say how far
 * MNIST's 11 MB have come (from the network the first time, from the cache after).
 */
function countingFetch(onProgress: (progress: LoadingProgress) => void) {
  const received = new Map<string, number>();
  const declared = new Map<string, number>();
  let last = 0;
  const report = (force: boolean) => {
    const now = performance.now();
    if (!force && now - last < PROGRESS_MS) return;
    last = now;
    let loaded = 0;
    for (const n of received.values()) loaded += n;
    let total = 0;
    for (const n of declared.values()) total += n;
    if (declared.size < 4 || total === 0) total = Math.max(total, MNIST_BYTES);
    onProgress({ what: "mnist", loaded: Math.min(loaded, total), total });
  };
  return async (url: string): Promise<Response> => {
    const response = await cachedFetch(url);
    if (!response.body) return response;
    declared.set(url, Number(response.headers.get("content-length")) || 0);
    received.set(url, 0);
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          received.set(url, (received.get(url) ?? 0) + chunk.byteLength);
          report(false);
          controller.enqueue(chunk);
        },
        flush: () => report(true),
      }),
    );
    return new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/**
 * MNIST in the seed's split, fetched on first use (from the Cache API after the first
 * visit) and kept for every later run of this page.
 */
function loadMnist(
  baseUrl: string,
  onProgress: (progress: LoadingProgress) => void,
): Promise<MnistSeedSplit> {
  const fetch = countingFetch(onProgress);
  mnist ??= fetchMnist(baseUrl, { split: "seed", files: MNIST_GZ, fetch }).catch((error) => {
    mnist = undefined; // let a later configure try again
    throw error;
  });
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
export async function loadData(
  settings: Settings,
  mnistUrl: string,
  onProgress: (progress: LoadingProgress) => void,
): Promise<DataSets> {
  if (settings.dataset === "mnist") {
    const { training, test } = await loadMnist(mnistUrl, onProgress);
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
