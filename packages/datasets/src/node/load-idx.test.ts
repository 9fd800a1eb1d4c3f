import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
import { loadIdx, loadIdxDataset } from "./load-idx";

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
});
