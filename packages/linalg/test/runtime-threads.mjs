// Run by Node, Bun and Deno (runtimes.test.ts): the built package's sparse first layer on
// two threads must start its kernel thread and give the same values as on one thread.
// Prints one line of JSON.
import { ByteColumns, createSparseLayer, Matrix, Rng } from "../dist/index.js";

const [inputs, hidden, m] = [64, 48, 8]; // 48 hidden float64 neurons: two panels
const rng = new Rng(7);
const weights = rng.fillNormal(new Float64Array(hidden * inputs));
const batches = Array.from({ length: 5 }, () => {
  const x = new ByteColumns(inputs, m, inputs * m);
  let t = 0;
  for (let j = 0; j < m; j++) {
    x.colStart[j] = t;
    for (let r = 0; r < inputs; r++) {
      if (rng.uniform() < 0.3) {
        x.rowIndex[t] = r;
        x.values[t++] = 1 + rng.integer(255);
      }
    }
  }
  x.colStart[m] = t;
  return { x, delta: rng.fillNormal(new Float64Array(hidden * m)) };
});

function train(threads) {
  const w = Matrix.fromFlat(hidden, inputs, weights);
  const started = performance.now();
  const layer = createSparseLayer(w, m, { threads });
  const startMs = performance.now() - started;
  const z = Matrix.zeros(hidden, m);
  const zs = [];
  for (const { x, delta } of batches) {
    layer.setInputBytes(x);
    layer.forward(z);
    zs.push(...z.data);
    layer.weightGradient(Matrix.fromFlat(hidden, m, delta));
    layer.block.update({ name: "sgd", stateBuffers: 0, fast: "sgd", apply: () => 0 }, [], {
      rate: 0.1,
    });
  }
  const used = layer.threads;
  layer.syncWeights();
  layer.close();
  return { used, startMs, values: [...zs, ...w.data] };
}

const one = train(1);
const two = train(2);
const equal =
  one.values.length === two.values.length &&
  one.values.every((v, i) => Object.is(v, two.values[i]));
console.log(JSON.stringify({ threads: two.used, equal, startMs: Math.round(two.startMs) }));
