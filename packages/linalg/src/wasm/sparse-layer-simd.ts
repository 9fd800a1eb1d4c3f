/**
 * The sparse first layer in WebAssembly SIMD (see kernels/sparse-layer.ts for the
 * interface, and sparse-layer-js.ts for the reference it equals).
 *
 * w¹ is kept input-major (wT, inputs × hidden) in an arena, so each non-zero pixel is one
 * contiguous axpy of `hidden` lanes (kernels.wat): f64x2 for float64 networks, f32x4 for
 * float32. wT is stored as column panels (see Panels), one per thread when two share the
 * work.
 *
 * A batch of 10 images inks only about half of the 784 pixels, and ∂C/∂w¹ is zero in the
 * rows of the others. So the gradient is never cleared whole: the SGD kernel updates only
 * the rows the batch wrote (the arena is told which, setNonZeroRows), which is exact since
 * w − rate·0 = w, and zeroes them as it goes; after any other rule those rows are cleared
 * before the next batch.
 */
import type { ByteColumns } from "../byte-columns";
import { addDecay, type ParameterBlock } from "../kernels/parameter-block";
import type { KernelOptions, SparseLayer } from "../kernels/sparse-layer";
import { checkBatch } from "../kernels/sparse-layer-js";
import type { FastRuleSettings, UpdateRule } from "../kernels/update-rules";
import type { FloatArray, Matrix } from "../matrix";
import type { SparseColumns } from "../sparse-columns";
import { type Panels, panelIndex, panelsFor } from "./panels";
import { SimdArena } from "./simd-arena";

/** The SIMD layer for w (hidden × inputs), or null where WebAssembly SIMD does not run. */
export function simdSparseLayer(
  w: Matrix,
  batchSize: number,
  options: KernelOptions,
): SparseLayer | null {
  const [hidden, inputs] = [w.rows, w.cols];
  const bytesPerValue = w.dtype === "float32" ? 4 : 8;
  const panels = panelsFor(inputs, hidden, bytesPerValue);
  const values = 2 * panels.length + (2 * batchSize + 1) * panels.padded + inputs * batchSize;
  const arena = SimdArena.create(
    (values + 256) * bytesPerValue +
      4 * (inputs * batchSize + batchSize + 1 + inputs) +
      3 * inputs * batchSize + // the byte batch: u16 indices and u8 values
      2 * 8 * panels.length + // room for an update rule's float64 state (Adam's m and v)
      inputs +
      2048,
    {
      threads: threadsFor(panels, hidden * batchSize, options.threads),
      onNotice: options.onNotice,
    },
  );
  return arena ? layerOn(arena, w, panels, batchSize) : null;
}

/**
 * "auto" starts no kernel thread for a layer with fewer hidden neurons × batch samples than
 * this: its kernels take a few µs a call, about what handing half to another core costs.
 * Measured on the seed's 784-30-10 at batch 10 (300): two threads never beat one, 0.224
 * against 0.218 s an epoch on a quiet machine and 0.64 against 0.23 s on a busy one, and
 * "auto" paid 10-15% in its first epochs for finding that out. 784-100-10 at batch 10
 * (1,000) is the smallest `pnpm bench` row where two threads pay (0.49 against 0.59 s).
 */
export const AUTO_THREADS_MIN_WORK = 1000;

/** The threads to ask the arena for: 1 where a second cannot pay. */
export function threadsFor(panels: Panels, work: number, threads: KernelOptions["threads"]) {
  if (panels.widths[1] === 0) return 1; // one panel: nothing to share
  if (threads === "auto" && work < AUTO_THREADS_MIN_WORK) return 1;
  return threads;
}

function layerOn(arena: SimdArena, w: Matrix, panels: Panels, batchSize: number): SparseLayer {
  const [hidden, inputs, dtype] = [w.rows, w.cols, w.dtype];
  const wT = arena.floats(panels.length, dtype);
  const gT = arena.floats(panels.length, dtype);
  // z and δ (neurons × m) and tmp with room for the panels' padding neurons (rows ≥ hidden)
  const z = arena.floats(panels.padded * batchSize, dtype);
  const delta = arena.floats(panels.padded * batchSize, dtype);
  const tmp = arena.floats(panels.padded, dtype);
  const sparse = {
    colStart: arena.i32(batchSize + 1),
    rowIndex: arena.i32(inputs * batchSize),
    values: arena.floats(inputs * batchSize, dtype),
  };
  // A byte batch as stored, and v / 255 in this precision: setInputBytes widens into sparse.
  const rows16 = arena.u16(inputs * batchSize);
  const bytes = arena.u8(inputs * batchSize);
  const unit = arena.floats(256, dtype);
  for (let v = 0; v < 256; v++) unit[v] = v / 255;
  /** The rows of gT this batch writes (its inked pixels), rows[0 … rowCount). */
  const rows = arena.i32(inputs);
  const inked = arena.u8(inputs);
  let m = 0;
  const setColumns = (x: SparseColumns | ByteColumns) => {
    checkBatch(x, inputs, batchSize);
    m = x.cols;
    sparse.colStart.set(x.colStart.subarray(0, m + 1));
    return x.colStart[m];
  };
  const layer: SparseLayer = {
    block: panelBlock(arena, panels, wT, gT, rows),
    kernels: "wasm",
    get threads() {
      return arena.threads; // 1 while the kernel thread starts, or if it has stopped
    },
    get batchColumns() {
      return m;
    },
    setInput(x) {
      const count = setColumns(x);
      sparse.rowIndex.set(x.rowIndex.subarray(0, count));
      sparse.values.set(x.values.subarray(0, count));
    },
    setInputBytes(x) {
      const count = setColumns(x);
      rows16.set(x.rowIndex.subarray(0, count));
      bytes.set(x.values.subarray(0, count));
      arena.expandBytes(sparse, rows16, bytes, count, unit);
    },
    forward(out) {
      checkShape("forward: z", out, hidden, m);
      arena.sparseForward(wT, panels, sparse, m, z, tmp);
      out.data.set(z.subarray(0, hidden * m));
    },
    weightGradient(d) {
      checkShape("weightGradient: δ", d, hidden, m);
      // The last batch's rows, unless the SGD kernel consumed them; every other row of
      // ∂C/∂w¹ is 0 already.
      arena.clearNonZeroRows(gT);
      const rowCount = arena.inkedRows(sparse, m, inked, rows);
      delta.set(d.data);
      delta.fill(0, hidden * m, panels.padded * m); // padding rows 0, so gT's padding stays 0
      arena.sparseGradient(gT, panels, sparse, m, delta, tmp);
      arena.setNonZeroRows(gT, panels, rows, rowCount);
    },
    syncWeights() {
      for (let k = 0; k < inputs; k++)
        for (let i = 0; i < hidden; i++) w.data[i * inputs + k] = wT[panelIndex(panels, k, i)];
    },
    loadWeights() {
      for (let k = 0; k < inputs; k++)
        for (let i = 0; i < hidden; i++) wT[panelIndex(panels, k, i)] = w.data[i * inputs + k];
    },
    close() {
      arena.close();
    },
  };
  layer.loadWeights();
  return layer;
}

/**
 * w¹ as a block: values wT in panels (input-major, padded), converted to the model's
 * hidden × inputs row-major layout for anything that leaves it.
 */
function panelBlock(
  arena: SimdArena,
  p: Panels,
  wT: FloatArray,
  gT: FloatArray,
  rows: Int32Array,
): ParameterBlock {
  const inArena = (state: readonly Float64Array[]) => state.every((s) => s.buffer === wT.buffer);
  return {
    rows: p.h,
    cols: p.k,
    values: wT,
    gradient: gT,
    createState() {
      try {
        return arena.f64(p.length); // beside wT, where the kernels reach it
      } catch {
        return new Float64Array(p.length); // no room: the rule's JS loop serves
      }
    },
    stateToModel(state) {
      const model = new Float64Array(p.h * p.k);
      for (let k = 0; k < p.k; k++)
        for (let i = 0; i < p.h; i++) model[i * p.k + k] = state[panelIndex(p, k, i)];
      return model;
    },
    stateFromModel(model, state) {
      state.fill(0); // padding
      for (let k = 0; k < p.k; k++)
        for (let i = 0; i < p.h; i++) state[panelIndex(p, k, i)] = model[i * p.k + k];
    },
    update<S>(rule: UpdateRule<S>, state: readonly Float64Array[], settings: S): boolean {
      if (rule.fast === "sgd") {
        const { rate } = settings as FastRuleSettings["sgd"];
        return arena.sgdStep(wT, gT, rate);
      }
      if (rule.fast === "momentum" && inArena(state)) {
        const s = settings as FastRuleSettings["momentum"];
        return arena.momentumStep(wT, gT, state[0], s.mu, s.rate, s.nesterov);
      }
      if (rule.fast === "adam" && inArena(state)) {
        return arena.adamStep(wT, gT, state[0], state[1], settings as FastRuleSettings["adam"]);
      }
      return rule.apply(wT, gT, state, settings) === 0;
    },
    scale(factor) {
      arena.scale(wT, factor);
    },
    addDecayToGradient(kind, c) {
      addDecay(wT, gT, kind, c); // padding: w = 0 adds 0, so it stays 0
      // Every row of ∂C/∂w¹ is non-zero now, not only the batch's inked ones: the SGD
      // kernel must update, and the next batch clear, all of them. `rows` (in the arena,
      // where the kernels read it) held the inked rows; the next batch refills it.
      for (let r = 0; r < p.k; r++) rows[r] = r;
      arena.setNonZeroRows(gT, p, rows, p.k);
    },
  };
}

/** The kernels write through raw offsets: a wrong shape must stop here, not corrupt the arena. */
function checkShape(what: string, m: Matrix, rows: number, cols: number): void {
  if (m.rows !== rows || m.cols !== cols) {
    throw new RangeError(
      `first layer ${what} is ${m.rows}×${m.cols}, expected ${rows}×${cols} (hidden × batch)`,
    );
  }
}
