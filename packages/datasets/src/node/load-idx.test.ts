import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { Rng } from "@backprop/linalg";
import { afterAll, describe, expect, it } from "vitest";
import { ALL_TYPES, randomTensor, tinyImagesAndLabels } from "../../test/idx-fixtures";
import { ChecksumError, DatasetError, IdxFormatError } from "../errors";
import { sha256Hex } from "../sha256";
import { writeIdx } from "../write-idx";
import { loadIdx, loadIdxBytes, loadIdxDataset } from "./load-idx";

const dir = mkdtempSync(join(tmpdir(), "datasets-load-idx-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe("loadIdx from files", () => {
  it("round-trips every element type, plain and gzip (zlib), by path and file: URL", async () => {
    const rng = new Rng(11);
    for (const type of ALL_TYPES) {
      const tensor = randomTensor(type, [2, 3, 2], rng);
      const plain = write(`${type}.idx`, writeIdx(tensor));
      const gz = write(`${type}.idx.gz`, gzipSync(writeIdx(tensor)));
      for (const source of [plain, gz, pathToFileURL(gz).href]) {
        const back = await loadIdx(source);
        expect(back.dims).toEqual([2, 3, 2]);
        expect(Array.from(back.data)).toEqual(Array.from(tensor.data));
      }
    }
  });

  it("rejects a truncated file and a truncated gzip file, never loading part", async () => {
    const bytes = writeIdx({ type: "int", dims: [4], data: Int32Array.of(1, 2, 3, 4) });
    const cut = write("cut.idx", bytes.subarray(0, bytes.length - 2));
    await expect(loadIdx(cut)).rejects.toMatchObject({ code: "idx-truncated", context: cut });
    const gz = gzipSync(bytes);
    const cutGz = write("cut.idx.gz", gz.subarray(0, gz.length - 6));
    await expect(loadIdx(cutGz)).rejects.toBeInstanceOf(IdxFormatError);
    await expect(loadIdx(cutGz)).rejects.toMatchObject({ code: "gzip" });
  });

  it("checks a file's SHA-256 when given", async () => {
    const bytes = writeIdx({ type: "ubyte", dims: [2], data: Uint8Array.of(3, 4) });
    const path = write("digest.idx", bytes);
    await expect(loadIdx(path, { sha256: await sha256Hex(bytes) })).resolves.toMatchObject({
      dims: [2],
    });
    await expect(loadIdx(path, { sha256: "a".repeat(64) })).rejects.toBeInstanceOf(ChecksumError);
  });
});

describe("loadIdx limits", () => {
  it("refuses a file over maxBytes before reading it, plain or gzip", async () => {
    const tensor = { type: "ubyte", dims: [10, 10], data: new Uint8Array(100) } as const;
    const plain = write("big.idx", writeIdx(tensor));
    await expect(loadIdx(plain, { maxBytes: 50 })).rejects.toMatchObject({
      code: "size-limit",
      context: plain,
      found: "112 bytes",
    });
    await expect(loadIdx(plain, { maxBytes: 112 })).resolves.toMatchObject({ dims: [10, 10] });
    // Compressed, the file is small; inflated, its header declares 112 bytes.
    const gz = write("big.idx.gz", gzipSync(writeIdx(tensor)));
    await expect(loadIdx(gz, { maxBytes: 100 })).rejects.toMatchObject({
      name: "IdxFormatError",
      code: "size-limit",
      context: gz,
    });
  });

  it.skipIf(!existsSync("/dev/zero"))("stops reading an endless device at maxBytes", async () => {
    await expect(loadIdx("/dev/zero", { maxBytes: 2 ** 20 })).rejects.toMatchObject({
      code: "size-limit",
      context: "/dev/zero",
    });
  });

  it("loadIdxBytes reads bytes as loadIdx reads a file, plain or gzip", async () => {
    const tensor = randomTensor("short", [3, 2], new Rng(5));
    for (const bytes of [writeIdx(tensor), gzipSync(writeIdx(tensor))]) {
      const back = await loadIdxBytes(bytes, { source: "mine.idx" });
      expect(Array.from(back.data)).toEqual(Array.from(tensor.data));
    }
    await expect(loadIdxBytes(Uint8Array.of(1, 2, 3, 4), { source: "x" })).rejects.toMatchObject({
      code: "idx-magic",
      context: "x",
    });
  });
});

describe("loadIdxDataset", () => {
  it("loads images and labels from two paths", async () => {
    const pair = tinyImagesAndLabels([2, 0]);
    const data = await loadIdxDataset(
      {
        images: write("i.idx", writeIdx(pair.images)),
        labels: write("l.idx.gz", gzipSync(writeIdx(pair.labels))),
      },
      { classes: 3 },
    );
    expect([data.length, data.features, data.classes]).toEqual([2, 6, 3]);
  });

  it("rejects images and labels of different counts", async () => {
    const three = tinyImagesAndLabels([0, 1, 2]);
    const two = tinyImagesAndLabels([0, 1]);
    const images = write("i3.idx", writeIdx(three.images));
    const labels = write("l2.idx", writeIdx(two.labels));
    const load = loadIdxDataset({ images, labels }, { classes: 3 });
    await expect(load).rejects.toBeInstanceOf(DatasetError);
    await expect(loadIdxDataset({ images, labels }, { classes: 3 })).rejects.toMatchObject({
      code: "count-mismatch",
      found: "3 images and 2 labels",
    });
  });

  it("checks each file against its own sha256, naming the one that differs", async () => {
    const pair = tinyImagesAndLabels([1, 0]);
    const imageBytes = writeIdx(pair.images);
    const images = write("ci.idx", imageBytes);
    const labels = write("cl.idx", writeIdx(pair.labels));
    const sha256 = { images: await sha256Hex(imageBytes), labels: "b".repeat(64) };
    const load = loadIdxDataset({ images, labels }, { classes: 2, sha256 });
    await expect(load).rejects.toBeInstanceOf(ChecksumError);
    await expect(
      loadIdxDataset({ images, labels }, { classes: 2, sha256: { images: sha256.images } }),
    ).resolves.toMatchObject({ length: 2 });
    await expect(loadIdxDataset({ images, labels }, { classes: 2, sha256 })).rejects.toMatchObject({
      code: "checksum",
      context: labels,
    });
  });
});
