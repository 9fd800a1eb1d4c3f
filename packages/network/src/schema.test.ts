import { describe, expect, it } from "vitest";
import {
  array,
  json,
  nullable,
  number,
  object,
  oneOf,
  optional,
  ownEntry,
  SchemaError,
  string,
} from "./schema";

/** The SchemaError that `read` throws. */
function errorOf(read: () => unknown): SchemaError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaError);
    return error as SchemaError;
  }
  throw new Error("the schema accepted a bad value");
}

describe("schema", () => {
  const checkpointLike = object({
    epoch: number({ integer: true, min: 0 }),
    rng: object({ s: array(number({ integer: true }), { length: 4 }) }),
    best: nullable(object({ accuracy: number() })),
    history: array(object({ epoch: number({ integer: true }), note: optional(string()) })),
  });

  it("returns a valid document with its types, optional keys absent", () => {
    const value = { epoch: 3, rng: { s: [1, 2, 3, 4] }, best: null, history: [{ epoch: 0 }] };
    expect(checkpointLike(value, "state")).toEqual(value);
  });

  it("returns only what it checked: unknown keys are left out, not passed on", () => {
    const deep = JSON.parse(`${"[".repeat(10_000)}${"]".repeat(10_000)}`);
    const value = { epoch: 3, rng: { s: [1, 2, 3, 4], extra: deep }, best: null, history: [] };
    expect(checkpointLike({ ...value, more: deep }, "state")).toEqual({
      epoch: 3,
      rng: { s: [1, 2, 3, 4] },
      best: null,
      history: [],
    });
  });

  it("names the path, what was expected and what was found", () => {
    const bad = { epoch: 3, rng: { s: [1, 2, 3, 4] }, best: null, history: [{ epoch: "abc" }] };
    const error = errorOf(() => checkpointLike(bad, "state"));
    expect(error.path).toBe("state.history[0].epoch");
    expect(error.message).toBe(
      'state.history[0].epoch: expected an integer, found the string "abc"',
    );
    expect(errorOf(() => checkpointLike({ ...bad, epoch: -5 }, "state")).message).toBe(
      "state.epoch: expected an integer ≥ 0, found -5",
    );
    expect(errorOf(() => checkpointLike({ ...bad, history: "abc" }, "state")).path).toBe(
      "state.history",
    );
    expect(errorOf(() => checkpointLike({ epoch: 1 }, "")).message).toBe(
      "rng: expected a value, found nothing (the key is missing)",
    );
  });

  it("keeps messages short however large the value found", () => {
    const huge = "x".repeat(2_000_000);
    const error = errorOf(() => array(number(), { length: 1 })([huge], "list"));
    expect(error.message.length).toBeLessThan(200);
    const keyed = errorOf(() => object({ a: number() }, { strict: true })({ a: 1, [huge]: 2 }, ""));
    expect(keyed.message.length).toBeLessThan(200);
    expect(keyed.expected).toBe("no such key");
  });

  it("reads own properties only: prototype names are plain keys", () => {
    const parsed = JSON.parse('{"__proto__": {"epoch": 1}, "constructor": 3}');
    expect(errorOf(() => object({ epoch: number() })(parsed, "")).path).toBe("epoch");
    const table = { sigmoid: 1 };
    expect(ownEntry(table, "toString")).toBeUndefined();
    expect(ownEntry(table, "constructor")).toBeUndefined();
    expect(ownEntry(table, "sigmoid")).toBe(1);
    expect(errorOf(() => oneOf(["a", "b"])("toString", "name")).message).toBe(
      'name: expected "a" or "b", found the string "toString"',
    );
  });

  it("rejects deep nesting without overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    const error = errorOf(() => json(32)(deep, "metadata"));
    expect(error.expected).toBe("at most 32 levels of nesting");
    expect(error.path.startsWith("metadata[0][0]")).toBe(true);
    expect(json(32)({ a: [1, { b: null }] }, "metadata")).toEqual({ a: [1, { b: null }] });
  });

  it("refuses NaN, ±Infinity and non-numbers where numbers are expected", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "1", null, [1]]) {
      expect(errorOf(() => number()(bad, "x")).expected).toBe("a finite number");
    }
  });
});
