import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { modelToJson, Network } from "@backprop/network";
import { afterAll, describe, expect, it } from "vitest";

// Every example runs in its own Node process, as a user would run it. The TypeScript ones
// import the packages' sources (the "@backprop/source" condition, through tsx), so no build
// is needed; commonjs.cjs uses the built dist/, as a CommonJS user of the npm packages does.
const examples = fileURLToPath(new URL("..", import.meta.url));
const root = join(examples, "..");

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: root, env: { ...process.env, ...env }, timeout: 50_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${args.join(" ")} failed: ${error.message}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}

const runTs = (file: string, args: string[] = [], env: Record<string, string> = {}) =>
  run(["--conditions=@backprop/source", "--import", "tsx", join(examples, file), ...args], env);

// The files the tests below run or read; the last test checks that no example is missing.
const tested = new Set([
  "train-mnist.ts",
  "custom-activation.ts",
  "custom-cost.ts",
  "custom-layer.ts",
  "predict-digit.ts",
  "export-onnx.ts",
  "browser/main.ts",
  "browser/build.mjs",
  "browser/index.html",
  "commonjs.cjs",
]);

const scratch = mkdtempSync(join(tmpdir(), "backprop-examples-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("examples", () => {
  it("train-mnist.ts: the seed's 784-30-10 passes 88% on the test set after one epoch", async () => {
    const { stdout } = await runTs("train-mnist.ts", [], { EXAMPLE_EPOCHS: "1" });
    expect(stdout).toMatch(/^Epoch 0: \d+ \/ 10000$/m);
    const accuracy = Number(/test accuracy: ([\d.]+)%/.exec(stdout)?.[1]);
    expect(accuracy).toBeGreaterThan(88);
  });

  it("custom-activation.ts: softsign passes its derivative check, learns, and reloads by name", async () => {
    const { stdout } = await runTs("custom-activation.ts");
    expect(stdout).toMatch(/^derivative check: ok/m);
    expect(Number(/test accuracy: ([\d.]+)%/.exec(stdout)?.[1])).toBeGreaterThan(95);
    expect(stdout).toContain("reloaded activations: softsign, sigmoid");
  });

  it("custom-cost.ts: backprop through pseudo-Huber matches finite differences and learns XOR", async () => {
    const { stdout } = await runTs("custom-cost.ts");
    const error = Number(/worst relative error (\S+)/.exec(stdout)?.[1]);
    expect(error).toBeLessThan(1e-6);
    expect(stdout).toContain("XOR with pseudo-Huber: 4 / 4");
  });

  it("custom-layer.ts: a per-channel scale and shift passes its gradient check and learns in a conv net", async () => {
    const { stdout } = await runTs("custom-layer.ts");
    expect(stdout).toMatch(/^gradient check: ok, 102 entries/m);
    expect(Number(/test accuracy: ([\d.]+)%/.exec(stdout)?.[1])).toBeGreaterThan(85);
    const gammas = (/γ after training: (.*)$/m.exec(stdout)?.[1] ?? "").split(", ").map(Number);
    expect(gammas).toHaveLength(8);
    expect(gammas.some((g) => Math.abs(g - 1) > 0.01)).toBe(true); // γ learned, not left at 1
  });

  it("predict-digit.ts: trains briefly and predicts the first test image, a 7", async () => {
    const { stdout } = await runTs("predict-digit.ts");
    expect(stdout).toContain("predicted 7, true label 7");
    expect(stdout).toContain("outputs (sigmoid, unnormalised scores):");
    expect(stdout.match(/^ {2}\d: \d\.\d{3}$/gm)).toHaveLength(10);
  });

  it("predict-digit.ts: predicts with a model file, and a softmax output gives probabilities", async () => {
    const network = new Network({ sizes: [784, 10], outputActivation: "softmax", seed: 4 });
    const model = join(scratch, "softmax.json");
    writeFileSync(model, modelToJson(network));
    const { stdout } = await runTs("predict-digit.ts", [model, "3"]);
    expect(stdout).toContain("outputs (softmax, probabilities):");
    const outputs = [...stdout.matchAll(/^ {2}(\d): (\d\.\d{3})$/gm)].map((m) => Number(m[2]));
    expect(outputs.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 2);
    const label = Number(/predicted (\d)/.exec(stdout)?.[1]);
    expect(outputs[label]).toBe(Math.max(...outputs));
  });

  it("export-onnx.ts: writes ONNX and TensorFlow.js files and reads the same model back", async () => {
    const folder = join(scratch, "export");
    const { stdout } = await runTs("export-onnx.ts", [folder]);
    expect(stdout).toMatch(/^trained: \d+ \/ 100 test images right$/m);
    expect(stdout).toContain("read back a Network with the same outputs: true");
    expect(stdout).toContain('ONNX metadata: {"epochs":1,"batchSize":10,"eta":0.5,"seed":0}');
    expect(stdout).toContain("largest output difference below 1e-5");
    expect(existsSync(join(folder, "mnist.onnx"))).toBe(true);
    expect(readdirSync(join(folder, "tfjs")).sort()).toEqual([
      "group1-shard1of1.bin",
      "model.json",
    ]);
  });

  it("browser/: main.ts bundles for the browser (no Node built-ins) and the bundle runs", async () => {
    const { stdout } = await run([join(examples, "browser/build.mjs"), "--source"]);
    // esbuild's browser platform cannot resolve Node built-ins, so a node: import anywhere
    // in the graph fails the build; and nothing may be left outside the bundle.
    expect(stdout).toMatch(
      /bundled dist\/main\.js for the browser: \d+ KiB, external imports: none/,
    );
    const bundle = join(examples, "browser/dist/main.js");
    expect(readFileSync(join(examples, "browser/index.html"), "utf8")).toContain("./dist/main.js");
    const result = await run([bundle]);
    const last = /^epoch 39: (\d+) \/ 200$/m.exec(result.stdout);
    expect(Number(last?.[1])).toBeGreaterThanOrEqual(190);
    expect(result.stdout).toMatch(/the point \(0, 0\.5\) is class 1/);
  });

  it("commonjs.cjs: require() loads the built packages and trains XOR", async () => {
    const packages = ["linalg", "datasets", "network", "optimizers"];
    const missing = packages.filter((p) => !existsSync(join(root, "packages", p, "dist")));
    if (missing.length > 0) {
      throw new Error(
        `commonjs.cjs needs the built packages (${missing.join(", ")} have no dist/): run pnpm build`,
      );
    }
    const { stdout } = await run([join(examples, "commonjs.cjs")]);
    expect(stdout.trim()).toBe("Epoch 1499: 4 / 4");
  });

  it("every example is among the tested files", () => {
    const files = [
      ...readdirSync(examples).filter(
        (f) => /\.(ts|cjs|mjs|js)$/.test(f) && !f.includes(".config."),
      ),
      ...readdirSync(join(examples, "browser"))
        .filter((f) => f !== "dist")
        .map((f) => `browser/${f}`),
    ];
    expect(files.filter((f) => !tested.has(f))).toEqual([]);
  });
});
