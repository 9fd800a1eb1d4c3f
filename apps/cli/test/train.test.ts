import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodePng, jsonLines, runCli, tempDir } from "./run-cli";

const SWISH_PLUGIN = `
export function register({ scalarActivation, registerActivation }) {
  const s = (x) => 1 / (1 + Math.exp(-x));
  registerActivation(scalarActivation({ name: "swish", fn: (x) => x * s(x), derivative: (x) => s(x) + x * s(x) * (1 - s(x)) }));
}
`;

describe("backprop train, then the model's other commands", () => {
  const dir = tempDir();

  it("trains the seed's network on an MNIST subset and prints the seed's lines", () => {
    const { status, stdout, stderr } = runCli(
      [
        "train",
        "--epochs",
        "2",
        "--train-size",
        "3000",
        "--test-size",
        "1000",
        "--save",
        "model.json",
      ],
      dir,
    );
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^Training 784-30-10 \(sigmoid, quadratic cost, standard init\) on MNIST/,
    );
    const epochs = [...stdout.matchAll(/^Epoch (\d): (\d+) \/ 1000 {2}\(/gm)];
    expect(epochs.map((m) => m[1])).toEqual(["0", "1"]);
    expect(Number(epochs[1][2])).toBeGreaterThan(500);
    expect(existsSync(join(dir, "model.json"))).toBe(true);
  });

  it("--threads 2 gives the same weights as --threads 1, in float64 and float32", () => {
    const model = (file: string) => {
      const m = JSON.parse(readFileSync(join(dir, file), "utf8"));
      return [m.dtype, m.weights, m.biases];
    };
    for (const dtype of ["float64", "float32"]) {
      for (const threads of ["1", "2"]) {
        const run = runCli(
          [
            "train",
            ...["--layers", "784,40,10", "--epochs", "2", "--train-size", "2000"],
            ...["--test-size", "200", "--dtype", dtype, "--threads", threads],
            ...["--save", `threads-${dtype}-${threads}.json`],
          ],
          dir,
        );
        expect(run.status).toBe(0);
        expect(run.stdout).toContain(threads === "2" ? ", 2 threads" : "seed 0");
        expect(run.stdout.includes(", float32")).toBe(dtype === "float32");
      }
      const one = model(`threads-${dtype}-1.json`);
      expect(one[0] ?? "float64").toBe(dtype);
      expect(model(`threads-${dtype}-2.json`)).toEqual(one);
    }
  });

  it("--kernels js gives auto's weights; fma without relaxed SIMD says so and falls back", () => {
    const model = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8")).weights;
    const train = (kernels: string) =>
      runCli(
        [
          "train",
          ...["--layers", "784,40,30,10", "--epochs", "1", "--train-size", "1000"],
          ...["--test-size", "100", "--kernels", kernels, "--save", `kernels-${kernels}.json`],
        ],
        dir,
      );
    const auto = train("auto");
    expect(auto.status).toBe(0);
    expect(auto.stdout).not.toContain(", kernels");
    const js = train("js");
    expect(js.stdout).toContain(", kernels js");
    expect(model("kernels-js.json")).toEqual(model("kernels-auto.json"));
    // Node 20 has relaxed SIMD only behind a flag, which the CLI is not run with here.
    const fma = train("fma");
    expect(fma.status).toBe(0);
    expect(fma.stderr).toMatch(/kernels "fma" needs WebAssembly relaxed SIMD/);
    expect(model("kernels-fma.json")).toEqual(model("kernels-auto.json"));
    const bad = runCli(["train", "--kernels", "fast"], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--kernels.*auto, js, fma/);
  });

  it("after early stopping, the saved model is labelled with the kept epoch's scores", () => {
    const { status, stdout } = runCli(
      [
        "train",
        ...["--dataset", "moons", "--layers", "2,8,2", "--epochs", "30", "--eta", "3"],
        ...["--early-stop", "1", "--save", "early.json"],
      ],
      dir,
    );
    expect(status).toBe(0);
    const kept = Number(
      /kept the weights of epoch (\d+), the best on validation/.exec(stdout)?.[1],
    );
    const line = new RegExp(`^Epoch ${kept}: (\\d+) / (\\d+) .*validation ([\\d.]+)%`, "m").exec(
      stdout,
    );
    expect(line).not.toBeNull();
    const last = [...stdout.matchAll(/^Epoch (\d+):/gm)].at(-1)?.[1];
    expect(Number(last)).toBeGreaterThan(kept); // it did stop after a worse epoch
    const { metadata } = JSON.parse(readFileSync(join(dir, "early.json"), "utf8"));
    expect(metadata.testAccuracy).toBeCloseTo(Number(line?.[1]) / Number(line?.[2]), 10);
    expect(metadata.validationAccuracy).toBeCloseTo(Number(line?.[3]) / 100, 4);
    expect(stdout).not.toMatch(/^Best:/m);
  });

  it("--json prints one object per epoch and a summary, and nothing else", () => {
    const { status, stdout } = runCli(
      ["train", "--json", "--epochs", "2", "--train-size", "1000", "--test-size", "200"],
      dir,
    );
    expect(status).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines.map((l) => l.event)).toEqual(["epoch", "epoch", "summary"]);
    expect((lines[1].test as { total: number }).total).toBe(200);
    expect(lines[2]).toMatchObject({ stoppedBy: "epochs", epochs: 2 });
  });

  it("inspect, evaluate and predict read the saved model", () => {
    const inspect = jsonLines(runCli(["inspect", "model.json", "--json"], dir).stdout)[0];
    expect(inspect).toMatchObject({ sizes: [784, 30, 10], parameters: 23860, cost: "quadratic" });
    expect((inspect.metadata as { settings: { eta: number } }).settings.eta).toBe(3);

    const evaluate = runCli(["evaluate", "model.json", "--test-size", "500"], dir);
    expect(evaluate.status).toBe(0);
    expect(evaluate.stdout).toMatch(/test: \d+ \/ 500 correct/);
    expect(evaluate.stdout).toMatch(/Confusion matrix/);
    const counts = jsonLines(
      runCli(["evaluate", "model.json", "--test-size", "500", "--json"], dir).stdout,
    )[0];
    expect((counts.confusion as number[][]).flat().reduce((s, v) => s + v, 0)).toBe(500);

    const predict = runCli(["predict", "model.json", "--index", "0"], dir);
    expect(predict.status).toBe(0);
    expect(predict.stdout).toMatch(/test image 0: \d \(label 7: (right|wrong)\)/);
    expect(predict.stdout).toMatch(/[@%#]{2}/); // the digit drawn in text
  });

  it("predict reads a PNG of any size", () => {
    // A thick "1": a dark bar on white paper, 40×60 pixels.
    const gray = new Uint8Array(40 * 60).fill(255);
    for (let y = 8; y < 52; y++) for (let x = 17; x < 24; x++) gray[y * 40 + x] = 0;
    writeFileSync(join(dir, "one.png"), encodePng(40, 60, gray));
    const { status, stdout } = runCli(["predict", "model.json", "one.png", "--json"], dir);
    expect(status).toBe(0);
    const [prediction] = jsonLines(stdout);
    expect(prediction.input).toBe("one.png");
    expect((prediction.ranking as unknown[]).length).toBe(3); // --top's default, as in text
    const all = runCli(["predict", "model.json", "one.png", "--json", "--top", "10"], dir);
    expect((jsonLines(all.stdout)[0].ranking as unknown[]).length).toBe(10);
  });

  it("trains a synthetic set with softmax and log-likelihood", () => {
    const { status, stdout } = runCli(
      [
        "train",
        "--dataset",
        "moons",
        "--layers",
        "2,16,2",
        "--activation",
        "tanh",
        "--output-activation",
        "softmax",
        "--cost",
        "logLikelihood",
        "--init",
        "xavier",
        "--eta",
        "0.1",
        "--optimizer",
        "momentum",
        "--epochs",
        "20",
        "--json",
      ],
      dir,
    );
    expect(status).toBe(0);
    const summary = jsonLines(stdout).at(-1)!;
    expect(summary.finalTestAccuracy).toBeGreaterThan(0.95);
  });

  it("evaluate and predict use the model's own data set and split; a model that does not fit the data is a usage error", () => {
    expect(
      runCli(
        [
          "train",
          "--dataset",
          "moons",
          "--layers",
          "2,8,2",
          "--eta",
          "1",
          "--epochs",
          "3",
          "--seed",
          "4",
          "--save",
          "moons.json",
          "--quiet",
        ],
        dir,
      ).status,
    ).toBe(0);
    const evaluate = runCli(["evaluate", "moons.json"], dir);
    expect(evaluate.status).toBe(0);
    expect(evaluate.stdout).toMatch(/moons \(synthetic\), test: \d+ \/ 200 correct/);
    expect(runCli(["predict", "moons.json", "--index", "3"], dir).stdout).toMatch(
      /test image 3: \d \(label \d: (right|wrong)\)/,
    );
    const mismatch = runCli(["evaluate", "moons.json", "--dataset", "blobs"], dir);
    expect(mismatch.status).toBe(2);
    expect(mismatch.stderr).toMatch(
      /--dataset: blobs has 2 inputs and 3 classes, but the model takes 2 inputs and has 2 outputs/,
    );
    expect(runCli(["explain", "--model", "moons.json", "--dataset", "mnist"], dir)).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/mnist has 784 inputs/),
    });
  });

  it("trains on a CSV file, standardised with the training part's statistics", () => {
    const rows = ["x,y,label"];
    for (let i = 0; i < 200; i++)
      rows.push(`${(i % 2) * 100 + Math.sin(i)},${Math.cos(i) * 3},${i % 2}`);
    writeFileSync(join(dir, "two.csv"), `${rows.join("\n")}\n`);
    const { status, stdout } = runCli(
      [
        "train",
        "--dataset",
        "two.csv",
        "--layers",
        "2,4,2",
        "--eta",
        "1",
        "--epochs",
        "5",
        "--json",
      ],
      dir,
    );
    expect(status).toBe(0);
    expect(jsonLines(stdout).at(-1)!.finalTestAccuracy).toBeGreaterThan(0.9);
  });

  it("a plugin's activation trains, saves its name, and loads again only with the plugin", () => {
    writeFileSync(join(dir, "swish.mjs"), SWISH_PLUGIN);
    const trained = runCli(
      [
        "train",
        "--plugin",
        "swish.mjs",
        "--dataset",
        "moons",
        "--layers",
        "2,8,2",
        "--activation",
        "swish",
        "--output-activation",
        "sigmoid",
        "--init",
        "xavier",
        "--eta",
        "1",
        "--epochs",
        "10",
        "--save",
        "swish.json",
        "--quiet",
      ],
      dir,
    );
    expect(trained.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "swish.json"), "utf8")).activations).toEqual([
      "swish",
      "sigmoid",
    ]);
    const without = runCli(["evaluate", "swish.json", "--dataset", "moons"], dir);
    expect(without.status).toBe(2); // a usage error: the command line lacks --plugin
    expect(without.stderr).toMatch(/uses the activation "swish", which is not built in/);
    expect(without.stderr).toMatch(/backprop --plugin <module\.mjs>/);
    expect(without.stderr).not.toMatch(/defineActivation/); // library advice, not the CLI's
    // inspect shows what it can without the plugin, and says what is missing.
    const inspected = runCli(["inspect", "swish.json"], dir);
    expect(inspected.status).toBe(0);
    expect(inspected.stdout).toMatch(/2-8-2 network, 42 parameters/);
    expect(inspected.stdout).toMatch(/layer 1: w 8×2, b 8×1, swish/);
    expect(inspected.stdout).toMatch(/--plugin/);
    const withPlugin = runCli(
      ["evaluate", "swish.json", "--dataset", "moons", "--plugin", "swish.mjs"],
      dir,
    );
    expect(withPlugin.status).toBe(0);
    const check = runCli(["gradcheck", "--plugin", "swish.mjs", "--activation", "swish"], dir);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/Worst relative error .*: OK/);
  });

  it("gradcheck exits 1 when a plugin's derivative is wrong", () => {
    writeFileSync(
      join(dir, "wrong.mjs"),
      'export default ({ scalarActivation, registerActivation }) => registerActivation(scalarActivation({ name: "wrongSquare", fn: (x) => x * x, derivative: (x) => x }));\n',
    );
    const { status, stdout } = runCli(
      [
        "gradcheck",
        "--plugin",
        "wrong.mjs",
        "--activation",
        "wrongSquare",
        "--output-activation",
        "sigmoid",
      ],
      dir,
    );
    expect(status).toBe(1);
    expect(stdout).toMatch(/FAILED \(tolerance 1e-6\)/);
  });

  it("explain shows BP1–BP4 on one sample and counts the memo's savings", () => {
    const { status, stdout } = runCli(["explain", "--model", "model.json", "--index", "2"], dir);
    expect(status).toBe(0);
    for (const equation of ["BP1  δ²", "BP2  δ¹ = ((w²)ᵀ δ²) ⊙ σ′(z¹)", "BP3", "BP4  ∂C/∂w¹"])
      expect(stdout).toContain(equation);
    expect(stdout).toMatch(
      /chain rule expanded per weight, no memo: [\d,]+ \(counted by running it; same gradient/,
    );
  });
});
