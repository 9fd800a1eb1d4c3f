import type { Activation } from "@backprop/activations";
import { ModelFileError } from "./errors";
import {
  anything,
  chain,
  dim,
  geometry,
  type LayerPlan,
  MAX_SAMPLE,
  nameSchema,
  type Previous,
  paddingSchema,
  parameters,
  shapeSchema,
  withParameters,
} from "./layer-record-checks";
import { avgPool } from "./layers/avg-pool";
import { convGeometry } from "./layers/conv-geometry";
import { conv2d } from "./layers/conv2d";
import { dense } from "./layers/dense";
import { dropout } from "./layers/dropout";
import { flatten } from "./layers/flatten";
import { formatShape3, shapeSize } from "./layers/layer";
import { maxPool } from "./layers/max-pool";
import { poolGeometry } from "./layers/pool-geometry";
import { childPath, number, object, oneOf, ownEntry, refine } from "./schema";

/**
 * Checks one entry of a layer model file's `layers` and plans the layer, computing its
 * output shape with the factories' own geometry (convGeometry, poolGeometry), which
 * allocates nothing. Parameters are counted in the file before anything is built, so a
 * record declaring 30000 × 30000 weights but holding one is refused for the price of a
 * comparison. Errors are ModelFileErrors (or SchemaErrors, turned into them by the caller)
 * naming the path, the layer and the shape it needs.
 */

type Reader = (record: unknown, path: string, previous: Previous | null) => LayerPlan;

const conv2dSchema = object({
  inputShape: shapeSchema,
  filters: dim,
  kernelSize: dim,
  stride: dim,
  padding: paddingSchema,
  activation: nameSchema,
  weights: anything,
  biases: anything,
});

function readConv2d(record: unknown, path: string, previous: Previous | null): LayerPlan {
  const r = conv2dSchema(record, path);
  chain(childPath(path, "inputShape"), "conv2d", r.inputShape, previous);
  const g = geometry(path, () =>
    convGeometry(r.inputShape, r.filters, r.kernelSize, r.stride, r.padding),
  );
  const { channels: C } = r.inputShape;
  const k = r.kernelSize;
  const F = r.filters;
  const what = `conv2d with ${F} filters of ${C}×${k}×${k}`;
  const weights = parameters(r.weights, childPath(path, "weights"), F * C * k * k, what);
  const biases = parameters(r.biases, childPath(path, "biases"), F, `conv2d with ${F} filters`);
  const { inputShape, filters, kernelSize, stride, padding } = r;
  return {
    kind: "conv2d",
    outputShape: g.output,
    activation: { name: r.activation, path: childPath(path, "activation") },
    build: (activation, { init, dtype, threads }) =>
      withParameters(
        conv2d({
          inputShape,
          filters,
          kernelSize,
          stride,
          padding,
          activation: activation as Activation,
          init: "xavier",
          rng: init,
          dtype,
          threads,
        }),
        weights,
        biases,
      ),
  };
}

const poolSchema = object({ inputShape: shapeSchema, size: dim, stride: dim });

function poolReader(kind: "maxPool" | "avgPool"): Reader {
  return (record, path, previous) => {
    const r = poolSchema(record, path);
    chain(childPath(path, "inputShape"), kind, r.inputShape, previous);
    const g = geometry(path, () => poolGeometry(kind, r));
    return {
      kind,
      outputShape: g.output,
      build: () => (kind === "maxPool" ? maxPool(r) : avgPool(r)),
    };
  };
}

const flattenSchema = object({ inputShape: shapeSchema });

function readFlatten(record: unknown, path: string, previous: Previous | null): LayerPlan {
  const r = flattenSchema(record, path);
  chain(childPath(path, "inputShape"), "flatten", r.inputShape, previous);
  return {
    kind: "flatten",
    outputShape: { channels: shapeSize(r.inputShape), height: 1, width: 1 },
    build: () => flatten(r),
  };
}

const dropoutSchema = object({
  inputShape: shapeSchema,
  rate: refine(number({ min: 0 }), (p) => p < 1, "a number from 0 up to (not including) 1"),
  mode: oneOf(["inverted", "scale-at-test"]),
});

function readDropout(record: unknown, path: string, previous: Previous | null): LayerPlan {
  const r = dropoutSchema(record, path);
  chain(childPath(path, "inputShape"), "dropout", r.inputShape, previous);
  return {
    kind: "dropout",
    outputShape: r.inputShape,
    build: (_, { masks }) => dropout({ ...r, rng: masks }),
  };
}

const denseSchema = object({
  inputs: dim,
  outputs: dim,
  activation: nameSchema,
  weights: anything,
  biases: anything,
});

function readDense(record: unknown, path: string, previous: Previous | null): LayerPlan {
  const r = denseSchema(record, path);
  const { inputs, outputs } = r;
  chain(childPath(path, "inputs"), "dense", { channels: inputs, height: 1, width: 1 }, previous);
  const what = `dense with ${outputs} outputs of ${inputs} inputs`;
  const weights = parameters(r.weights, childPath(path, "weights"), outputs * inputs, what);
  const biases = parameters(
    r.biases,
    childPath(path, "biases"),
    outputs,
    `dense with ${outputs} outputs`,
  );
  return {
    kind: "dense",
    outputShape: { channels: outputs, height: 1, width: 1 },
    activation: { name: r.activation, path: childPath(path, "activation") },
    build: (activation, { init, dtype, threads }) =>
      withParameters(
        dense({
          inputs,
          outputs,
          activation: activation as Activation,
          init: "xavier",
          rng: init,
          dtype,
          threads,
        }),
        weights,
        biases,
      ),
  };
}

/** The readers by kind, looked up as own properties (a file's "toString" is just unknown). */
const READERS: Readonly<Record<string, Reader>> = {
  conv2d: readConv2d,
  maxPool: poolReader("maxPool"),
  avgPool: poolReader("avgPool"),
  flatten: readFlatten,
  dropout: readDropout,
  dense: readDense,
};

const kindSchema = object({ kind: oneOf(Object.keys(READERS)) });

/** Checks `layers[l]` (at `path`) against the layer below and plans it; see the file comment. */
export function readLayerRecord(
  record: unknown,
  path: string,
  previous: Previous | null,
): LayerPlan {
  const { kind } = kindSchema(record, path);
  const reader = ownEntry(READERS, kind) as Reader;
  const plan = reader(record, path, previous);
  if (shapeSize(plan.outputShape) > MAX_SAMPLE) {
    throw new ModelFileError(
      path,
      `${kind} gives ${formatShape3(plan.outputShape)}, more than ${MAX_SAMPLE} numbers per sample; use a smaller padding or input`,
    );
  }
  return plan;
}
