import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Network } from "@backprop/network";
import { afterAll, expect, it } from "vitest";
import { exportOnnx } from "../src/onnx";
import { convSoftmaxNet, everyLayerNet, mnistConvNet, mnistMlp, swish } from "./models";

// ONNX's own checker (Debian's python3-onnx 1.12, full_check: type and shape inference too)
// accepts every file exportOnnx writes. Without python3-onnx this FAILS, saying how to get it.
const PYTHON = "/usr/bin/python3";
const INSTALL = "DEBIAN_FRONTEND=noninteractive apt-get install -y python3-onnx";
const dir = mkdtempSync(join(tmpdir(), "backprop-onnx-checker-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHECK = `
import sys
try:
    import onnx
except ImportError:
    print("NO_ONNX"); sys.exit(3)
for path in sys.argv[1:]:
    onnx.checker.check_model(onnx.load(path), full_check=True)
    print("ok", path)
print("onnx", onnx.__version__)
`;

function check(files: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!existsSync(PYTHON)) {
      reject(
        new Error(`${PYTHON} is missing: install Debian's python3 and python3-onnx (${INSTALL})`),
      );
      return;
    }
    execFile(PYTHON, ["-c", CHECK, ...files], { timeout: 100_000 }, (error, stdout, stderr) => {
      if (stdout.includes("NO_ONNX")) {
        reject(
          new Error(`python3-onnx is not installed, so ONNX's checker cannot run: ${INSTALL}`),
        );
      } else if (error) {
        reject(new Error(`onnx.checker refused a file:\n${stderr || stdout}`));
      } else resolve(stdout);
    });
  });
}

it("onnx.checker.check_model(full_check=True) accepts every exported model", async () => {
  const models = {
    "every-layer-f64": exportOnnx(everyLayerNet("float64")),
    "every-layer-f32": exportOnnx(everyLayerNet("float32")),
    "conv-f64": exportOnnx(mnistConvNet("float64"), { metadata: { epochs: 1 } }),
    "conv-f32": exportOnnx(mnistConvNet("float32")),
    "conv-softmax-f64": exportOnnx(convSoftmaxNet("float64")),
    "mlp-f64": exportOnnx(mnistMlp("float64"), { name: "seed", metadata: { eta: 3 } }),
    "mlp-f32": exportOnnx(mnistMlp("float32")),
    "activations-f64": exportOnnx(
      new Network({
        sizes: [4, 4, 4, 4, 4, 4, 3],
        activations: ["tanh", "relu", "leakyRelu(0.3)", "softplus", "identity", "softmax"],
      }),
    ),
    "hook-f32": exportOnnx(
      new Network({ sizes: [3, 4, 2], activations: [swish, "sigmoid"], dtype: "float32" }),
      {
        activationOps: {
          swish: (input, output, context) => {
            const s = context.uniqueName("sigmoid");
            return [
              { opType: "Sigmoid", inputs: [input], outputs: [s] },
              { opType: "Mul", inputs: [input, s], outputs: [output] },
            ];
          },
        },
      },
    ),
  };
  const files = Object.entries(models).map(([name, bytes]) => {
    const file = join(dir, `${name}.onnx`);
    writeFileSync(file, bytes);
    return file;
  });
  const out = await check(files);
  expect(out.match(/^ok /gm)).toHaveLength(files.length);
});
