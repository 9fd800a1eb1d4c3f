import { ByteColumns } from "./byte-columns";
import { fillByteColumn, fillColumn, fillSparseColumn, fillTargetColumn } from "./fill-sample";
import type { LabelledSamples } from "./labelled-samples";
import { type DType, Matrix } from "./matrix";
import type { Rng } from "./random";
import { SparseColumns } from "./sparse-columns";
import { type SparseIndex, sparseIndexOf } from "./sparse-index";

/**
 * One mini-batch, one sample per column (the seed's column-vector layout):
 *   inputs  features × size   column c is sample indices[c], bytes scaled to [0, 1]
 *   targets classes × size    column c is the one-hot label of that sample
 * The object and its buffers are reused: read it before asking for the next batch.
 */
export interface Batch {
  /** x: features × size, one sample per column (unfilled under layout "sparse" or "bytes"). */
  readonly inputs: Matrix;
  /** y: classes × size, one one-hot column per sample, as the seed's vectorized_result. */
  readonly targets: Matrix;
  /** The class index of each column (for accuracy without an argmax over targets). */
  readonly labels: Int32Array;
  /** The sample index (into the data set) of each column. */
  readonly indices: Uint32Array;
  /** Columns in this batch: batchSize, or the remainder for the last batch of an epoch. */
  readonly size: number;
  /**
   * For byte (image) data with layout "sparse" or "both": the same inputs with only their
   * non-zero pixels, by column, so a network's first layer can skip the blank ones (MNIST
   * is 81% zeros); null otherwise.
   */
  readonly sparse: SparseColumns | null;
  /**
   * For byte data with layout "bytes": the non-zero pixels as the data set stores them (u16
   * indices, u8 values), copied, not converted (the sparse first layer widens them); null
   * otherwise.
   */
  readonly bytes: ByteColumns | null;
}

/** How {@link batches} cuts and orders a data set. */
export interface BatchOptions {
  /** Samples per batch, m (the seed's mini_batch_size, 10); a positive integer. */
  readonly batchSize: number;
  /** Shuffles the order at the start of every epoch; omit it to serve samples in order. */
  readonly rng?: Rng;
  /** Element type of the batch matrices; default "float64". */
  readonly dtype?: DType;
  /**
   * Which form of the inputs byte data fills: "dense" (`inputs` only), "sparse" (`sparse`
   * only, `inputs` left unfilled: for training, which reads the sparse form), "bytes"
   * (`bytes` only: the sparse first layer's input) or "both" (dense and sparse, the
   * default). Float data always fills `inputs` only.
   */
  readonly layout?: "dense" | "sparse" | "bytes" | "both";
}

function allocateBatch(
  data: LabelledSamples,
  size: number,
  dtype: DType,
  sparse: boolean,
  bytes: boolean,
): Batch {
  return {
    inputs: Matrix.zeros(data.features, size, dtype),
    targets: Matrix.zeros(data.classes, size, dtype),
    labels: new Int32Array(size),
    indices: new Uint32Array(size),
    size,
    sparse: sparse
      ? new SparseColumns(
          data.features,
          size,
          data.features * size,
          dtype === "float32"
            ? new Float32Array(data.features * size)
            : new Float64Array(data.features * size),
        )
      : null,
    bytes: bytes ? new ByteColumns(data.features, size, data.features * size) : null,
  };
}

/**
 * Mini-batches over a data set, one epoch per `for…of`. The buffers are allocated once,
 * here: `full` (batchSize columns) and, when length % batchSize ≠ 0, `last` (the remainder's
 * columns), so the last partial batch of each epoch, like the seed's
 * `training_data[k:k+mini_batch_size]`, comes as its own smaller matrix pair. Each epoch
 * shuffles the order from scratch (0, 1, …, n−1, then Fisher–Yates), so an epoch's order
 * depends only on the generator's state at its start and a run resumed from a checkpoint
 * sees the same batches (the seed reshuffles its running list, which is equally uniform)
 * and allocates nothing per batch. Iterate one epoch at a time: epochs share the buffers.
 */
export class Batches implements Iterable<Batch> {
  /** The data set the batches are cut from. */
  readonly data: LabelledSamples;
  /** Samples per full batch, m. */
  readonly batchSize: number;
  /** The buffers of every full batch, or null if the data set is smaller than a batch. */
  readonly full: Batch | null;
  /** The buffers of the last, partial batch, or null if batchSize divides the length. */
  readonly last: Batch | null;
  private readonly rng: Rng | undefined;
  /** Whether `inputs`, `sparse` and `bytes` are filled (see BatchOptions.layout). */
  private readonly fillDense: boolean;
  private readonly fillSparse: boolean;
  private readonly fillBytes: boolean;
  private readonly index: SparseIndex | null;
  private readonly order: Uint32Array;

  constructor(data: LabelledSamples, options: BatchOptions) {
    const { batchSize, rng, dtype = "float64" } = options;
    let layout = data.inputs instanceof Uint8Array ? (options.layout ?? "both") : "dense";
    if (layout === "bytes" && data.features > 65536) layout = "sparse"; // u16 indices only
    this.fillDense = layout === "dense" || layout === "both";
    this.fillSparse = layout === "sparse" || layout === "both";
    this.fillBytes = layout === "bytes";
    this.index = layout === "dense" ? null : sparseIndexOf(data);
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`batches: batchSize must be a positive integer, got ${batchSize}`);
    }
    this.data = data;
    this.batchSize = batchSize;
    this.rng = rng;
    this.order = Uint32Array.from({ length: data.length }, (_, i) => i);
    const remainder = data.length % batchSize;
    const [sparse, bytes] = [this.fillSparse, this.fillBytes];
    this.full =
      data.length >= batchSize ? allocateBatch(data, batchSize, dtype, sparse, bytes) : null;
    this.last = remainder > 0 ? allocateBatch(data, remainder, dtype, sparse, bytes) : null;
  }

  /** Batches in one epoch: ⌈length / batchSize⌉. */
  get count(): number {
    return Math.ceil(this.data.length / this.batchSize);
  }

  /**
   * One epoch: reshuffles (when an rng was given) and yields ⌈length / batchSize⌉ batches,
   * each filled into the same reused buffers.
   */
  [Symbol.iterator](): Iterator<Batch> {
    if (this.rng !== undefined) {
      for (let i = 0; i < this.order.length; i++) this.order[i] = i;
      this.rng.shuffle(this.order);
    }
    let start = 0;
    const length = this.data.length;
    // One result object for the whole epoch: next() allocates nothing.
    const result = { done: false, value: undefined as unknown as Batch };
    const finished: IteratorResult<Batch> = { done: true, value: undefined };
    return {
      next: () => {
        if (start >= length) return finished;
        const batch = start + this.batchSize <= length ? this.full! : this.last!;
        this.fill(batch, start);
        start += batch.size;
        result.value = batch;
        return result;
      },
    };
  }

  private fill(batch: Batch, start: number): void {
    const { data, order } = this;
    for (let c = 0; c < batch.size; c++) {
      const s = order[start + c];
      batch.indices[c] = s;
      batch.labels[c] = data.labels[s];
      if (this.fillDense) fillColumn(data, s, batch.inputs, batch.targets, c);
      else fillTargetColumn(data, s, batch.targets, c);
      if (this.index && batch.sparse) fillSparseColumn(this.index, s, batch.sparse, c);
      if (this.index && batch.bytes) fillByteColumn(this.index, s, batch.bytes, c);
    }
  }
}

/** `new Batches(data, options)`: iterate it once per epoch. */
export function batches(data: LabelledSamples, options: BatchOptions): Batches {
  return new Batches(data, options);
}
