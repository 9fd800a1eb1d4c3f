import { existsSync, statSync } from "node:fs";
import {
  type ClassificationData,
  fetchMnist,
  makeBlobs,
  makeCircles,
  makeMoons,
  makeSpirals,
  makeXor,
  normalize,
  splitData,
  standardStats,
} from "@backprop/datasets";
import { loadCsv, loadIdxDataset } from "@backprop/datasets/node";
import { Rng } from "@backprop/linalg";
import { loadMnist } from "@backprop/mnist";
import { ownEntry } from "@backprop/network";
import { UsageError } from "./errors";

/** A data set ready to train on: training, optional validation, and test data. */
export interface LoadedData {
  description: string;
  training: ClassificationData;
  validation?: ClassificationData;
  test: ClassificationData;
}

export interface DataOptions {
  seed: number;
  /** Hold out validation data (MNIST: the seed's last 10,000 training images). */
  validation: boolean;
  trainSize?: number;
  testSize?: number;
  /**
   * --sha256: the digests the files must have, in the order they are read (IMAGES,LABELS
   * for a pair; MNIST's four files for a folder URL). A download that differs is refused
   * and not cached.
   */
  sha256?: readonly string[];
}

export const SHA256_HELP =
  "SHA-256 digests the data files must have, comma-separated: IMAGES,LABELS for a pair, or train-images,train-labels,t10k-images,t10k-labels for a folder URL";

/** The digests for `count` files, or a usage error if --sha256 gave another number. */
function digests(options: DataOptions, count: number, spec: string): (string | undefined)[] {
  if (!options.sha256) return Array.from({ length: count }, () => undefined);
  if (options.sha256.length !== count)
    throw new UsageError(
      `--sha256: ${spec} reads ${count} files, so give ${count} digests; got ${options.sha256.length}`,
    );
  return [...options.sha256];
}

const SYNTHETIC = {
  xor: (rng: Rng) => makeXor({ samples: 400, noise: 0.1, rng }),
  moons: (rng: Rng) => makeMoons({ samples: 1000, noise: 0.1, rng }),
  circles: (rng: Rng) => makeCircles({ samples: 1000, noise: 0.05, rng }),
  spirals: (rng: Rng) => makeSpirals({ samples: 1500, noise: 0.05, rng }),
  blobs: (rng: Rng) => makeBlobs({ samples: 1000, rng }),
} as const;

export const DATASET_HELP = `mnist (the seed's 50,000/10,000/10,000 split, bundled), mnist-full (60,000 training images), ${Object.keys(SYNTHETIC).join(", ")} (synthetic, seeded), a .csv file (last column is the label), IMAGES.idx,LABELS.idx (paths or URLs), or a folder or URL ending in / with MNIST's four file names (Fashion-MNIST)`;

/** Reads the data set named by `--dataset`. */
export async function loadDataset(spec: string, options: DataOptions): Promise<LoadedData> {
  const data = await readSpec(spec, options);
  const loaded = {
    ...data,
    training: limit(data.training, options.trainSize),
    test: limit(data.test, options.testSize),
  };
  for (const part of ["training", "test", "validation"] as const) {
    const samples = loaded[part]?.length;
    if (samples === 0)
      throw new UsageError(
        `--dataset: ${spec} leaves no ${part} samples (it has ${data.training.length + data.test.length + (data.validation?.length ?? 0)} in all); give a larger data set`,
      );
  }
  return loaded;
}

/** True for a data set that would be downloaded: a URL, or a pair of which one is a URL. */
export function isRemoteDataset(spec: string): boolean {
  return spec.split(",").some((part) => /^[a-z][a-z0-9+.-]*:\/\//i.test(part.trim()));
}

async function readSpec(spec: string, options: DataOptions): Promise<LoadedData> {
  if (options.sha256 && !spec.includes(",") && !spec.endsWith("/") && !isRemoteDataset(spec))
    throw new UsageError(
      `--sha256: checks the files of an IDX pair or a folder URL; ${JSON.stringify(spec)} is neither`,
    );
  if (spec === "mnist") {
    const { training, validation, test } = await loadMnist({ split: "seed" });
    return {
      description: "MNIST (seed split)",
      training,
      test,
      ...(options.validation ? { validation } : {}),
    };
  }
  if (spec === "mnist-full") {
    if (options.validation)
      throw new UsageError(
        "--validation: mnist-full trains on all 60,000 images, leaving none; use --dataset mnist",
      );
    const { training, test } = await loadMnist({ split: "full" });
    return { description: "MNIST (all 60,000 training images)", training, test };
  }
  const make = ownEntry(SYNTHETIC, spec);
  if (make) {
    return split(`${spec} (synthetic)`, make(new Rng(options.seed)), options);
  }
  if (spec.endsWith("/")) {
    const remote = /^https?:/.test(spec);
    if (options.sha256 && !remote)
      throw new UsageError("--sha256: checks downloads; a local folder is read as it is");
    const [trainImages, trainLabels, testImages, testLabels] = digests(options, 4, spec);
    const mnistLike = remote
      ? await fetchMnist(spec, {
          split: "seed",
          sha256: { trainImages, trainLabels, testImages, testLabels },
        })
      : await loadMnist({ split: "seed", dir: spec });
    return {
      description: `${spec} (MNIST layout)`,
      training: mnistLike.training,
      test: mnistLike.test,
      ...(options.validation ? { validation: mnistLike.validation } : {}),
    };
  }
  if (spec.includes(",")) {
    const [images, labels] = spec.split(",");
    const [imagesDigest, labelsDigest] = digests(options, 2, spec);
    const data = await loadIdxDataset(
      { images, labels },
      { classes: 10, sha256: { images: imagesDigest, labels: labelsDigest } },
    );
    return split(`${images} + ${labels}`, data, options);
  }
  if (spec.endsWith(".csv")) {
    if (!existsSync(spec))
      throw new UsageError(`--dataset: no CSV file at ${JSON.stringify(spec)}`);
    // Standardise with the training part's statistics only, so nothing of the test part
    // leaks into what the network sees in training.
    const parts = split(spec, await loadCsv(spec), options);
    const stats = standardStats(parts.training);
    return {
      description: `${spec} (standardised)`,
      training: normalize(parts.training, stats),
      test: normalize(parts.test, stats),
      ...(parts.validation ? { validation: normalize(parts.validation, stats) } : {}),
    };
  }
  if (existsSync(spec) && statSync(spec).isDirectory()) return readSpec(`${spec}/`, options);
  throw new UsageError(`--dataset: expected ${DATASET_HELP}; got ${JSON.stringify(spec)}`);
}

/** 20% test and, if asked, 10% validation, shuffled with the seed. */
function split(description: string, data: ClassificationData, options: DataOptions): LoadedData {
  const parts = splitData(data, {
    test: 0.2,
    validation: options.validation ? 0.1 : 0,
    rng: new Rng(options.seed + 1),
  });
  return {
    description,
    training: parts.training,
    test: parts.test,
    ...(options.validation ? { validation: parts.validation } : {}),
  };
}

function limit(data: ClassificationData, size: number | undefined): ClassificationData {
  return size === undefined || size >= data.length ? data : data.slice(0, size);
}
