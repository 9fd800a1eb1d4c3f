import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyImagesAndLabels } from "../test/idx-fixtures";
import { mnistDataDir } from "../test/mnist-data-dir";
import { type FileServer, serveFiles } from "../test/serve-files";
import { fetchMnist, MNIST_VALIDATION_SIZE, mnistFromIdx } from "./mnist";

// The browser path to MNIST: the same four files as `mnist-data` ships, served over HTTP.
let server: FileServer;
beforeAll(async () => {
  server = await serveFiles({}, mnistDataDir());
});
afterAll(() => server.close());

describe("fetchMnist", () => {
  it("loads MNIST over HTTP with the seed's split", async () => {
    const { training, validation, test } = await fetchMnist(server.url);
    expect([training.length, validation.length, test.length]).toEqual([50_000, 10_000, 10_000]);
    expect(Array.from(test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    expect(server.requests.sort()).toEqual([
      "/t10k-images-idx3-ubyte",
      "/t10k-labels-idx1-ubyte",
      "/train-images-idx3-ubyte",
      "/train-labels-idx1-ubyte",
    ]);
  });

  it("offers the full training set and reports a missing file", async () => {
    const full = await fetchMnist(server.url.slice(0, -1), { split: "full" });
    expect([full.training.length, full.test.length]).toEqual([60_000, 10_000]);
    expect("validation" in full).toBe(false);
    await expect(fetchMnist(server.url, { files: { testLabels: "nope" } })).rejects.toMatchObject({
      code: "fetch",
    });
  });
});

describe("mnistFromIdx", () => {
  it("needs more than the validation set's 10,000 training images for the seed split", () => {
    const small = tinyImagesAndLabels([1, 2]);
    const files = {
      trainImages: small.images,
      trainLabels: small.labels,
      testImages: small.images,
      testLabels: small.labels,
    };
    expect(() => mnistFromIdx(files)).toThrow(
      `keeps the last ${MNIST_VALIDATION_SIZE} training images for validation`,
    );
    expect(mnistFromIdx(files, { split: "full" }).training.length).toBe(2);
  });
});
