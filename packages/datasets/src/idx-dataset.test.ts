import { describe, expect, it } from "vitest";
import { tinyImagesAndLabels } from "../test/idx-fixtures";
import { DatasetError, IdxFormatError } from "./errors";
import { idxClassification } from "./idx-dataset";

const sources = { images: "imgs.idx", labels: "lbls.idx" };

describe("idxClassification", () => {
  it("pairs images (n × h × w) with labels, keeping the bytes without a copy", () => {
    const { images, labels } = tinyImagesAndLabels([3, 1, 4]);
    const data = idxClassification(images, labels, { classes: 5 });
    expect([data.length, data.features, data.classes]).toEqual([3, 6, 5]);
    expect(data.sampleShape).toEqual([2, 3]);
    expect(data.inputs).toBe(images.data);
    expect(data.labels).toBe(labels.data);
  });

  it("keeps float images and widens other integer labels to int32", () => {
    const images = { type: "float" as const, dims: [2, 2], data: Float32Array.of(0.5, 1, 2, 3) };
    const labels = { type: "short" as const, dims: [2], data: Int16Array.of(299, 0) };
    const data = idxClassification(images, labels, { classes: 300 });
    expect(data.inputs).toBe(images.data);
    expect(data.labels).toBeInstanceOf(Int32Array);
    expect(Array.from(data.labels)).toEqual([299, 0]);
  });

  it("rejects images and labels of different counts", () => {
    const { images } = tinyImagesAndLabels([1, 2, 3]);
    const { labels } = tinyImagesAndLabels([1, 2]);
    const load = () => idxClassification(images, labels, { classes: 10, sources });
    expect(load).toThrow(DatasetError);
    expect(load).toThrow(
      "imgs.idx and lbls.idx: expected as many labels as images, found 3 images and 2 labels",
    );
  });

  it("rejects a label outside the class range, naming the file and sample", () => {
    const { images, labels } = tinyImagesAndLabels([0, 9, 10]);
    const load = () => idxClassification(images, labels, { classes: 10, sources });
    expect(load).toThrow(
      expect.objectContaining({ code: "label-range", context: "lbls.idx, sample 2", found: "10" }),
    );
  });

  it("rejects a labels file that is not one-dimensional or not integer", () => {
    const { images } = tinyImagesAndLabels([0, 1]);
    const flat = { type: "ubyte" as const, dims: [2, 1], data: new Uint8Array(2) };
    expect(() => idxClassification(images, flat, { classes: 2 })).toThrow(IdxFormatError);
    const floats = { type: "float" as const, dims: [2], data: new Float32Array(2) };
    expect(() => idxClassification(images, floats, { classes: 2 })).toThrow(
      expect.objectContaining({ code: "idx-type", found: "float" }),
    );
  });
});
