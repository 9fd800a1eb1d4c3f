import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runCli, tempDir } from "./run-cli";

describe("help and usage errors (exit code 2, the flag named)", () => {
  it.each(["train", "evaluate", "predict", "gradcheck", "inspect", "explain"])(
    "%s --help has examples and exits 0",
    (command) => {
      const { status, stdout } = runCli([command, "--help"]);
      expect(status).toBe(0);
      expect(stdout).toMatch(/Usage: backprop/);
      expect(stdout).toMatch(/Examples:\n {2}\$ backprop/);
    },
  );

  it.each([
    [["train", "--eta", "abc"], /--eta: expected a number > 0, got "abc"/],
    [["train", "--eta", "-1"], /--eta: expected a number > 0, got "-1"/],
    [["train", "--batch-size", "2.5"], /--batch-size: expected a positive whole number, got "2.5"/],
    [["train", "--layers", "784"], /--layers: expected at least two positive layer sizes/],
    [
      ["train", "--optimizer", "rmsprop"],
      /--optimizer: expected one of sgd, momentum, nesterov, adam, got "rmsprop"/,
    ],
    [["train", "--preset", "huge"], /--preset: expected one of seed, wide, network2/],
    [
      ["train", "--activation", "swishy", "--dataset", "xor", "--layers", "2,3,2"],
      /unknown activation "swishy".*sigmoid.*registerActivation/,
    ],
    [["train", "--dataset", "cifar"], /--dataset: expected mnist .*got "cifar"/],
    [
      ["train", "--dataset", "moons", "--layers", "3,4,2"],
      /--layers: moons has 2 inputs and 2 classes, so the layers must start with 2 and end with 2; got 3,4,2/,
    ],
    [["train", "--bogus"], /unknown option '--bogus'/],
    [
      ["train", "--resume", "x.ckpt", "--eta", "1"],
      /--resume continues with the checkpoint's settings; drop --eta/,
    ],
    [["predict", "model.json"], /no such file|give one or more PNG\/PGM images/],
    [["train", "--plugin", "missing.mjs"], /--plugin: no file at "missing.mjs"/],
    [["evaluate"], /missing required argument 'model'/],
  ])("%j", (args, message) => {
    const { status, stderr } = runCli(args);
    expect(stderr).toMatch(message);
    expect(status).toBe(args[0] === "predict" ? 1 : 2);
  });

  it("a plugin that is not a module with register() is a usage error", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.mjs"), "export const x = 1;\n");
    const { status, stderr } = runCli(["gradcheck", "--plugin", "bad.mjs"], dir);
    expect(status).toBe(2);
    expect(stderr).toMatch(/export a function `register\(api\)`/);
  });

  it("a missing or corrupt model file is a runtime failure (exit 1) that says what is wrong", () => {
    const dir = tempDir();
    expect(runCli(["inspect", "none.json"], dir)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/cannot read the model file none.json: no such file/),
    });
    writeFileSync(join(dir, "cut.json"), '{"format":"backprop-network","version":1,"sizes":[2,');
    expect(runCli(["inspect", "cut.json"], dir)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/not valid JSON.*written completely/),
    });
    writeFileSync(
      join(dir, "nan.json"),
      JSON.stringify({
        format: "backprop-network",
        version: 1,
        sizes: [1, 1],
        activations: ["sigmoid"],
        cost: "quadratic",
        weights: [[[null]]],
        biases: [[0]],
      }),
    );
    expect(runCli(["inspect", "nan.json"], dir)).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(
        /at weights\[0\]\[0\]\[0\]: expected a finite number, found null/,
      ),
    });
  });
});

describe("help and pipes", () => {
  it("every subcommand's help lists the global options", () => {
    for (const command of ["train", "evaluate", "predict", "inspect", "gradcheck", "explain"]) {
      const { stdout } = runCli([command, "--help"]);
      for (const flag of ["--plugin", "--json", "--quiet"]) expect(stdout).toContain(flag);
    }
  });

  it("names each default once", () => {
    for (const command of ["train", "evaluate", "predict", "inspect", "gradcheck", "explain"]) {
      const { stdout } = runCli([command, "--help"]);
      expect(stdout.replace(/\s+/g, " ")).not.toMatch(/\(default[^)]*\) \(default/);
    }
  });

  it("ends quietly when the reader has closed the pipe (`| head`)", () => {
    // `true` exits at once; the CLI starts writing 0.3 s later, into a closed pipe.
    const command = `(sleep 0.3; "${process.execPath}" "${CLI}" --help 2>&1 1>&3 3>&- | cat >&2) 3>&1 | true`;
    const result = spawnSync("sh", ["-c", command], { encoding: "utf8" });
    expect(result.stderr).toBe("");
  });
});
