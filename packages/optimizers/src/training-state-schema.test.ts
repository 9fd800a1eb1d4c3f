import { makeMoons } from "@backprop/datasets";
import { Rng } from "@backprop/linalg";
import { Network, SchemaError } from "@backprop/network";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createOptimizer } from "./create-optimizer";
import { train } from "./train";
import { parseTrainingState } from "./training-state-schema";
import type { TrainingState } from "./training-types";

const data = makeMoons({ samples: 60, noise: 0.2, rng: new Rng(1) });

/** A real state after 2 epochs of Adam with early stopping, through JSON as a file holds it. */
function savedState(): { network: Network; state: Record<string, unknown> } {
  const network = new Network({ sizes: [2, 4, 2], seed: 3 });
  let state: TrainingState | undefined;
  train(network, data, {
    epochs: 2,
    batchSize: 10,
    eta: 0.05,
    optimizer: createOptimizer("adam"),
    validation: data,
    earlyStop: { patience: 5 },
    onCheckpoint: (s) => {
      state = s;
    },
  });
  return { network, state: JSON.parse(JSON.stringify(state)) };
}

function schemaError(value: unknown, network?: Network): SchemaError {
  try {
    parseTrainingState(value, "state", network);
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaError);
    return error as SchemaError;
  }
  throw new Error("parseTrainingState accepted a bad state");
}

describe("parseTrainingState", () => {
  it("accepts a state written by train, restoring −∞ where JSON wrote null", () => {
    const { network, state } = savedState();
    const parsed = parseTrainingState(state, "state", network);
    expect(parsed.epoch).toBe(2);
    expect(parsed.history).toHaveLength(2);
    expect(parsed.optimizer.buffers).toHaveLength(8); // Adam: m and v for 2 weights, 2 biases
  });

  it("names the place of each nonsense the fuzzer found", () => {
    const { network, state } = savedState();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...state, epoch: -5 }, "state.epoch", /integer from 0/],
      [{ ...state, history: "abc" }, "state.history", /an array/],
      [
        { ...state, optimizer: { name: "adam", buffers: 7, t: 1 } },
        "state.optimizer.buffers",
        /array/,
      ],
      [{ ...state, history: [] }, "state.history", /one record per epoch done \(2/],
      [{ ...state, rng: { s: [0, 0, 0, 0], spareNormal: null } }, "state.rng.s", /not all zero/],
    ];
    for (const [bad, path, message] of cases) {
      const error = schemaError(bad, network);
      expect(error.path).toBe(path);
      expect(error.message).toMatch(message);
    }
  });

  it("refuses buffers or best weights of another network's sizes", () => {
    const { state } = savedState();
    const other = new Network({ sizes: [2, 5, 2], seed: 3 });
    expect(schemaError(state, other).path).toMatch(/state\.(best\.parameters|optimizer\.buffers)/);
  });

  it("throws only SchemaErrors for mutated states (seeded)", () => {
    const { network, state } = savedState();
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (value && typeof value === "object" && path.length < 4)
        for (const [k, v] of Object.entries(value))
          walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
    };
    walk(state, []);
    fc.assert(
      fc.property(fc.nat(paths.length - 1), fc.jsonValue({ maxDepth: 2 }), (which, value) => {
        const mutated = structuredClone(state) as Record<string | number, unknown>;
        const path = paths[which];
        if (path.length === 0) return;
        let parent = mutated;
        for (const key of path.slice(0, -1)) parent = parent[key] as typeof parent;
        parent[path[path.length - 1]] = value;
        try {
          parseTrainingState(mutated, "state", network);
        } catch (error) {
          expect(error).toBeInstanceOf(SchemaError);
        }
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
