import { describe, expect, it } from "vitest";
import { labelledSamples } from "../test/labelled-samples";
import { type Batch, batches } from "./batches";
import { fillSample } from "./fill-sample";
import type { LabelledSamples } from "./labelled-samples";
import { Matrix } from "./matrix";
import { Rng } from "./random";

/** n samples of 4 byte features; sample s holds bytes s, s+1, s+2, s+3 (mod 256), label s mod 3. */
function counting(n: number): LabelledSamples {
  return labelledSamples({
    inputs: Uint8Array.from({ length: n * 4 }, (_, i) => (Math.floor(i / 4) + (i % 4)) % 256),
    labels: Uint8Array.from({ length: n }, (_, s) => s % 3),
    features: 4,
    classes: 3,
  });
}

/** Sample indices of every batch of one epoch (copied, since the batch buffers are reused). */
function epochIndices(source: Iterable<Batch>): number[][] {
  return Array.from(source, (batch) => Array.from(batch.indices));
}

describe("batches", () => {
  it("covers each sample exactly once per epoch, the last batch holding the remainder", () => {
    const data = counting(23);
    const epochs = batches(data, { batchSize: 5, rng: new Rng(1) });
    expect(epochs.count).toBe(5);
    for (let epoch = 0; epoch < 3; epoch++) {
      const seen = epochIndices(epochs);
      expect(seen.map((b) => b.length)).toEqual([5, 5, 5, 5, 3]);
      expect(seen.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    }
  });

  it("lays out one sample per column: inputs features × size, targets one-hot classes × size", () => {
    const data = counting(7);
    const x = Matrix.zeros(4, 1);
    const y = Matrix.zeros(3, 1);
    for (const batch of batches(data, { batchSize: 3, rng: new Rng(2) })) {
      expect([
        batch.inputs.rows,
        batch.inputs.cols,
        batch.targets.rows,
        batch.targets.cols,
      ]).toEqual([4, batch.size, 3, batch.size]);
      for (let c = 0; c < batch.size; c++) {
        const s = batch.indices[c];
        fillSample(data, s, x, y);
        expect(batch.inputs.toArrays().map((row) => row[c])).toEqual(Array.from(x.data));
        expect(batch.targets.toArrays().map((row) => row[c])).toEqual(Array.from(y.data));
        expect(batch.labels[c]).toBe(s % 3);
        expect(batch.inputs.get(0, c)).toBe((s % 256) / 255);
      }
    }
  });

  it("reuses the same buffers for every batch and epoch after allocating them once", () => {
    const epochs = batches(counting(10), { batchSize: 4, rng: new Rng(3) });
    const full: Batch[] = [];
    const partial: Batch[] = [];
    for (let epoch = 0; epoch < 2; epoch++) {
      for (const batch of epochs) (batch.size === 4 ? full : partial).push(batch);
    }
    expect(full.length).toBe(4);
    expect(partial.length).toBe(2);
    for (const batch of full) {
      expect(batch).toBe(epochs.full);
      expect(batch.inputs.data).toBe(epochs.full!.inputs.data);
      expect(batch.targets.data).toBe(epochs.full!.targets.data);
    }
    for (const batch of partial) {
      expect(batch).toBe(epochs.last);
      expect(batch.inputs.data).toBe(epochs.last!.inputs.data);
      expect(batch.inputs.cols).toBe(2);
    }
  });

  it("shuffles with the seeded generator: same seed, same order; each epoch a new order", () => {
    const data = counting(50);
    const a = batches(data, { batchSize: 8, rng: new Rng(9) });
    const b = batches(data, { batchSize: 8, rng: new Rng(9) });
    const first = epochIndices(a);
    expect(epochIndices(b)).toEqual(first);
    expect(epochIndices(a)).not.toEqual(first);
    expect(first.flat()).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("an epoch's order depends only on the generator's state at its start (for resuming)", () => {
    const data = counting(50);
    const rng = new Rng(4);
    const a = batches(data, { batchSize: 8, rng });
    epochIndices(a);
    const state = rng.getState();
    const second = epochIndices(a);
    const resumed = batches(data, { batchSize: 8, rng: Rng.fromState(state) });
    expect(epochIndices(resumed)).toEqual(second);
  });

  it("serves samples in order without an rng, and one sample per batch at batchSize 1", () => {
    expect(epochIndices(batches(counting(5), { batchSize: 2 }))).toEqual([[0, 1], [2, 3], [4]]);
    const single = Array.from(batches(counting(3), { batchSize: 1 }), (b) => b.inputs.cols);
    expect(single).toEqual([1, 1, 1]);
  });

  it("handles a data set smaller than a batch, an exact multiple, and an empty one", () => {
    const small = batches(counting(3), { batchSize: 10 });
    expect(small.full).toBeNull();
    expect(epochIndices(small)).toEqual([[0, 1, 2]]);
    const exact = batches(counting(6), { batchSize: 3 });
    expect(exact.last).toBeNull();
    expect(epochIndices(exact)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(epochIndices(batches(counting(0), { batchSize: 3 }))).toEqual([]);
  });

  it("gives byte data a sparse copy of each batch equal to the dense inputs, and float data none", () => {
    const data = counting(23); // sample 0 holds a zero byte, and so does every 256th value
    const source = batches(data, { batchSize: 5, rng: new Rng(3) });
    for (const batch of source) {
      expect(batch.sparse).not.toBeNull();
      expect(batch.sparse!.toDense().toArrays()).toEqual(batch.inputs.toArrays());
      expect(batch.sparse!.nonZeros).toBe(batch.inputs.data.filter((v) => v !== 0).length);
    }
    const lean = batches(data, { batchSize: 5, layout: "sparse" });
    for (const batch of lean) {
      expect(batch.inputs.data.every((v) => v === 0)).toBe(true);
      expect(batch.sparse!.nonZeros).toBeGreaterThan(0);
      expect(Array.from(batch.labels).every((label, c) => batch.targets.get(label, c) === 1)).toBe(
        true,
      );
    }
    const floats = labelledSamples({
      inputs: new Float64Array(8),
      labels: new Uint8Array(2),
      features: 4,
      classes: 1,
    });
    expect(batches(floats, { batchSize: 2 }).full!.sparse).toBeNull();
    expect(batches(data, { batchSize: 5, layout: "dense" }).full!.sparse).toBeNull();
  });

  it('layout "bytes" copies the stored bytes: the same batches as "both", and nothing else filled', () => {
    const data = counting(23);
    const both = batches(data, { batchSize: 5, rng: new Rng(4) });
    const bytes = batches(data, { batchSize: 5, rng: new Rng(4), layout: "bytes" });
    const expected: number[][][] = [];
    for (const batch of both) expected.push(batch.inputs.toArrays()); // buffers are reused
    const seen: number[][][] = [];
    for (const batch of bytes) {
      expect(batch.sparse).toBeNull();
      expect(batch.inputs.data.every((v) => v === 0)).toBe(true);
      expect(batch.bytes!.nonZeros).toBeGreaterThan(0);
      seen.push(batch.bytes!.toSparseColumns().toDense().toArrays());
    }
    expect(seen).toEqual(expected);
    expect(batches(data, { batchSize: 5 }).full!.bytes).toBeNull();
  });

  it("builds float32 batches on request and rejects a bad batch size", () => {
    const epochs = batches(counting(4), { batchSize: 2, dtype: "float32" });
    expect(epochs.full!.inputs.dtype).toBe("float32");
    expect(() => batches(counting(4), { batchSize: 0 })).toThrow(
      "batchSize must be a positive integer, got 0",
    );
  });
});
