import { Rng } from "@backprop/linalg";
import { Network } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { exportOnnx, importOnnx, OnnxFormatError, OnnxUnsupportedError } from "../src/onnx";
import { decodeMessage } from "../src/onnx/proto/decode";
import { encodeMessage } from "../src/onnx/proto/encode";
import type { ModelProto } from "../src/onnx/proto/onnx-types";
import { mnistConvNet } from "./models";

// Bad files get typed errors that name the place, and never cost what they declare.

const good = exportOnnx(new Network({ sizes: [4, 5, 3], activation: "relu", seed: 1 }));
const conv = exportOnnx(mnistConvNet("float32"));

/** The model decoded, changed by `edit`, encoded again. */
function edited(bytes: Uint8Array, edit: (model: Required<ModelProto>) => void): Uint8Array {
  const model = decodeMessage(bytes, "ModelProto") as Required<ModelProto>;
  edit(model);
  return encodeMessage(model as Record<string, unknown>, "ModelProto");
}

const initializer = (model: Required<ModelProto>, name: string) => {
  const found = model.graph.initializer?.find((t) => t.name === name);
  if (!found) throw new Error(`no initializer ${name}`);
  return found;
};

/** The error importOnnx throws for `bytes` (fails the test if it throws none). */
function errorOf(bytes: Uint8Array): Error {
  try {
    importOnnx(bytes);
  } catch (error) {
    return error as Error;
  }
  throw new Error("importOnnx accepted the file");
}

describe("bad ONNX files", () => {
  it("truncated bytes: every cut is an OnnxFormatError (or, cut between metadata entries, a model)", () => {
    let refused = 0;
    for (let length = 0; length < good.length; length++) {
      try {
        importOnnx(good.subarray(0, length));
      } catch (error) {
        expect(error).toBeInstanceOf(OnnxFormatError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(good.length * 0.8);
    expect(errorOf(good.subarray(0, good.length >> 1)).message).toMatch(/truncated/);
  });

  it("not ONNX at all", () => {
    expect(errorOf(new TextEncoder().encode('{"format":"backprop-network"}'))).toBeInstanceOf(
      OnnxFormatError,
    );
    expect(errorOf(new Uint8Array(0)).message).toMatch(
      /ir_version: is missing: is this an ONNX model file/,
    );
  });

  it("a weight whose dims do not fit the layer names the initializer and both shapes", () => {
    const bytes = edited(good, (m) => {
      initializer(m, "dense0.weight").dims = [5, 3];
    });
    const error = errorOf(bytes);
    expect(error).toBeInstanceOf(OnnxFormatError);
    expect(error.message).toMatch(/initializer "dense0.weight".*dims \[5, 3\].*must be \[any, 4\]/);
  });

  it("raw_data shorter than the dims declare", () => {
    const bytes = edited(good, (m) => {
      const t = initializer(m, "dense1.weight");
      t.raw_data = t.raw_data?.subarray(0, 16);
    });
    expect(errorOf(bytes).message).toMatch(
      /"dense1.weight".*declares dims \[3, 5\] \(15 doubles, 120 bytes\) but holds 16 bytes/,
    );
  });

  it("a missing initializer names the node and the value", () => {
    const bytes = edited(good, (m) => {
      m.graph.initializer = m.graph.initializer?.filter((t) => t.name !== "dense0.bias");
    });
    expect(errorOf(bytes).message).toMatch(
      /node "dense0.Gemm" \(Gemm\).*reads "dense0.bias", which is neither an initializer nor a Constant/,
    );
  });

  it("an unknown opset, IR version or domain", () => {
    const opset = edited(good, (m) => {
      m.opset_import = [{ domain: "", version: 99 }];
    });
    expect(errorOf(opset).message).toMatch(/opset 99; this reader knows opsets 9 to 21/);
    const ir = edited(good, (m) => {
      m.ir_version = 42;
    });
    expect(errorOf(ir).message).toMatch(/ir_version: is 42/);
    const domain = edited(good, (m) => {
      m.graph.node![1].domain = "com.example";
    });
    const error = errorOf(domain);
    expect(error).toBeInstanceOf(OnnxUnsupportedError);
    expect(error.message).toMatch(/domain "com.example"/);
  });

  it("an unsupported operator names the node, its op_type and what is supported", () => {
    const bytes = edited(good, (m) => {
      m.graph.node![1].op_type = "Gelu";
    });
    const error = errorOf(bytes) as OnnxUnsupportedError;
    expect(error).toBeInstanceOf(OnnxUnsupportedError);
    expect(error.node).toBe("dense0.Relu");
    expect(error.opType).toBe("Gelu");
    expect(error.message).toMatch(/supported: Gemm, MatMul.*Softmax/);
  });

  it("huge declared dims cost a comparison, not the allocation", () => {
    const before = process.memoryUsage().arrayBuffers;
    const huge = edited(good, (m) => {
      initializer(m, "dense0.weight").dims = [1e9, 1e9];
    });
    expect(errorOf(huge).message).toMatch(
      /dims \[1000000000, 1000000000\], more than 2147483647 elements/,
    );
    const big = edited(good, (m) => {
      initializer(m, "dense0.weight").dims = [30000, 4]; // fits the layer's inputs, not the data
    });
    expect(errorOf(big).message).toMatch(/declares dims \[30000, 4\].*but holds 160 bytes/);
    const input = edited(conv, (m) => {
      m.graph.input![0].type!.tensor_type!.shape!.dim = [
        { dim_param: "batch" },
        { dim_value: 1 },
        { dim_value: 1e9 },
        { dim_value: 1e9 },
      ];
    });
    expect(errorOf(input).message).toMatch(/more than 2147483647 numbers per sample/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 << 20);
  });

  it("a length prefix past the end of the file", () => {
    // Field 7 (graph), length-delimited, declaring 2³¹ bytes in a 10-byte file.
    const bytes = Uint8Array.of(0x08, 0x08, 0x3a, 0x80, 0x80, 0x80, 0x80, 0x08, 0x00, 0x00);
    expect(errorOf(bytes).message).toMatch(/declares 2147483648 bytes but only 2 are left/);
  });

  it("random damage: only typed errors (seeded byte flips of a conv model)", () => {
    const rng = new Rng(14);
    const kinds = new Map<string, number>();
    for (let trial = 0; trial < 400; trial++) {
      const bytes = conv.slice();
      for (let k = 0; k < 1 + (trial % 4); k++)
        bytes[Math.floor(rng.uniform() * bytes.length)] = Math.floor(rng.uniform() * 256);
      try {
        importOnnx(bytes);
        kinds.set("imported", (kinds.get("imported") ?? 0) + 1);
      } catch (error) {
        if (!(error instanceof OnnxFormatError)) throw error;
        kinds.set(error.name, (kinds.get(error.name) ?? 0) + 1);
      }
    }
    expect(kinds.get("OnnxFormatError")).toBeGreaterThan(0);
  });
});
