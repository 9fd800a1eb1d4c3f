import { crossEntropy, scalarActivation, softmax, tanh } from "@backprop/activations";
import { Matrix } from "@backprop/linalg";
import { describe, expect, it } from "vitest";
import { ModelFileError } from "./errors";
import { loadModel, modelToJson, toModelFile } from "./model-file";
import { Network } from "./network";
import { fromNetwork2Json, toNetwork2Json } from "./network2-format";

function expectSameParameters(a: Network, b: Network): void {
  for (let l = 0; l < a.weights.length; l++) {
    expect(Array.from(b.weights[l].data)).toEqual(Array.from(a.weights[l].data));
    expect(Array.from(b.biases[l].data)).toEqual(Array.from(a.biases[l].data));
  }
}

/** Loads `file` after `mutate` and returns the ModelFileError it must throw. */
function errorFor(mutate: (file: Record<string, unknown>) => void): ModelFileError {
  const file = JSON.parse(modelToJson(new Network({ sizes: [3, 4, 2], seed: 1 }))) as Record<
    string,
    unknown
  >;
  mutate(file);
  try {
    loadModel(JSON.stringify(file));
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFileError);
    return error as ModelFileError;
  }
  throw new Error("loadModel accepted a corrupt file");
}

describe("model files", () => {
  it("round-trip every weight exactly, with names and metadata", () => {
    const net = new Network({
      sizes: [5, 7, 3],
      activation: tanh,
      outputActivation: softmax,
      cost: "logLikelihood",
      seed: 4,
    });
    net.weights[0].data[0] = 0.1 + 0.2; // a value with a long shortest form
    net.weights[0].data[1] = 5e-324; // the smallest subnormal
    const text = modelToJson(net, { epochs: 30, eta: 0.5, accuracy: 0.9512 });
    const { network, metadata } = loadModel(text);
    expectSameParameters(net, network);
    expect(network.activations.map((a) => a.name)).toEqual(["tanh", "softmax"]);
    expect(network.cost.name).toBe("logLikelihood");
    expect(metadata).toEqual({ epochs: 30, eta: 0.5, accuracy: 0.9512 });
    expect(toModelFile(net).format).toBe("backprop-network");
  });

  it("load a user's activation when it is passed in, and name it when it is missing", () => {
    const cube = scalarActivation({
      name: "cubeModel",
      fn: (x) => x ** 3,
      derivative: (x) => 3 * x * x,
    });
    const net = new Network({ sizes: [2, 3, 1], activation: cube, seed: 2 });
    const text = modelToJson(net);
    const { network } = loadModel(text, { activations: [cube] });
    const x = Matrix.column([0.3, -0.7]);
    expect(network.feedforward(x).data[0]).toBe(net.feedforward(x).data[0]);
    let error: unknown;
    try {
      loadModel(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).path).toBe("activations[0]");
    expect((error as Error).message).toMatch(
      /unknown activation "cubeModel".*activations: \[yourOwn\]/,
    );
  });

  it.each([
    [
      "wrong shape",
      (f: Record<string, unknown>) => ((f.weights as number[][][])[0][1] = [1, 2]),
      "weights[0][1]",
      /expected 3 entries, found 2/,
    ],
    [
      "missing layer",
      (f: Record<string, unknown>) => (f.biases as unknown[]).pop(),
      "biases",
      /expected 2 entries, found 1/,
    ],
    [
      "NaN (as null)",
      (f: Record<string, unknown>) => ((f.biases as unknown[][])[1][0] = null),
      "biases[1][0]",
      /finite number, found null/,
    ],
    [
      "a string number",
      (f: Record<string, unknown>) => ((f.weights as unknown[][][])[1][0][2] = "0.5"),
      "weights[1][0][2]",
      /finite number, found the string "0.5"/,
    ],
    [
      "unknown cost",
      (f: Record<string, unknown>) => (f.cost = "hinge"),
      "cost",
      /unknown cost "hinge"/,
    ],
    [
      "newer version",
      (f: Record<string, unknown>) => (f.version = 3),
      "version",
      /reads version 1, found 3.*newer backprop/,
    ],
    [
      "a layer model (version 2)",
      (f: Record<string, unknown>) => (f.version = 2),
      "version",
      /found 2, a layer model .*read it with loadLayerModel/,
    ],
    [
      "wrong format",
      (f: Record<string, unknown>) => (f.format = "keras"),
      "format",
      /expected "backprop-network", found the string "keras"/,
    ],
    [
      "bad sizes",
      (f: Record<string, unknown>) => (f.sizes = [3, -4, 2]),
      "sizes[1]",
      /positive integer, found -4/,
    ],
    [
      "metadata not an object",
      (f: Record<string, unknown>) => (f.metadata = [1]),
      "metadata",
      /expected an object/,
    ],
  ])("reject %s with a typed error naming the place", (_what, mutate, path, message) => {
    const error = errorFor(mutate);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`at ${path}`);
  });

  it("keep a float32 model in float32, and reject an unknown dtype", () => {
    const net = new Network({ sizes: [3, 2], dtype: "float32", seed: 1 });
    const { network } = loadModel(modelToJson(net));
    expect(network.dtype).toBe("float32");
    expect(Array.from(network.weights[0].data)).toEqual(Array.from(net.weights[0].data));
    const file = JSON.parse(modelToJson(net));
    file.dtype = "float16";
    expect(() => loadModel(JSON.stringify(file))).toThrow(
      /at dtype: expected "float64" or "float32", found the string "float16"/,
    );
  });

  it("reject text that is not JSON or was cut short", () => {
    const text = modelToJson(new Network([3, 2]));
    expect(() => loadModel(text.slice(0, text.length / 2))).toThrow(
      /not valid JSON.*written completely/,
    );
  });
});

describe("network2.py's JSON format", () => {
  it("round-trips and keeps column-vector biases", () => {
    const net = new Network({ sizes: [4, 3, 2], cost: crossEntropy, init: "scaled", seed: 9 });
    const text = toNetwork2Json(net);
    const parsed = JSON.parse(text);
    expect(parsed.cost).toBe("CrossEntropyCost");
    expect(parsed.biases[0]).toEqual([
      [net.biases[0].data[0]],
      [net.biases[0].data[1]],
      [net.biases[0].data[2]],
    ]);
    const back = fromNetwork2Json(text);
    expectSameParameters(net, back);
    expect(back.cost).toBe(crossEntropy);
  });

  it("reads a file written by network2.py's save()", () => {
    const fromPython =
      '{"sizes": [2, 1], "weights": [[[0.5, -1.25]]], "biases": [[[0.75]]], "cost": "QuadraticCost"}';
    const net = fromNetwork2Json(fromPython);
    expect(net.weights[0].toArrays()).toEqual([[0.5, -1.25]]);
    expect(net.biases[0].toArrays()).toEqual([[0.75]]);
    expect(net.cost.name).toBe("quadratic");
    expect(() => fromNetwork2Json(fromPython.replace("QuadraticCost", "Hinge"))).toThrow(
      /QuadraticCost" or "CrossEntropyCost/,
    );
    expect(() => loadModel(fromPython)).toThrow(
      /network2.py's format: read it with fromNetwork2Json/,
    );
  });

  it("refuses to export what network2.py cannot represent", () => {
    expect(() => toNetwork2Json(new Network({ sizes: [2, 2], activation: tanh }))).toThrow(
      /only sigmoid layers/,
    );
    expect(() => toNetwork2Json(new Network({ sizes: [2, 2], cost: "logLikelihood" }))).toThrow(
      /QuadraticCost and CrossEntropyCost/,
    );
  });
});
