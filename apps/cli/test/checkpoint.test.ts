import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runCli, tempDir } from "./run-cli";

const SETTINGS = [
  "--dataset",
  "moons",
  "--layers",
  "2,8,2",
  "--eta",
  "0.5",
  "--optimizer",
  "adam",
  "--seed",
  "7",
  "--quiet",
];

function weights(file: string): unknown {
  const model = JSON.parse(readFileSync(file, "utf8"));
  return [model.weights, model.biases];
}

describe("checkpoints", () => {
  it("--resume finishes with weights bit-identical to an uninterrupted run", () => {
    const dir = tempDir();
    expect(
      runCli(["train", ...SETTINGS, "--epochs", "6", "--save", "straight.json"], dir).status,
    ).toBe(0);
    expect(
      runCli(["train", ...SETTINGS, "--epochs", "3", "--checkpoint", "run.ckpt"], dir).status,
    ).toBe(0);
    const resumed = runCli(
      ["train", "--resume", "run.ckpt", "--epochs", "6", "--save", "resumed.json", "--quiet"],
      dir,
    );
    expect(resumed.stderr).toBe("");
    expect(resumed.status).toBe(0);
    expect(weights(join(dir, "resumed.json"))).toEqual(weights(join(dir, "straight.json")));
  });

  it("resuming asks for more epochs than the checkpoint has done", () => {
    const dir = tempDir();
    expect(
      runCli(["train", ...SETTINGS, "--epochs", "3", "--checkpoint", "run.ckpt"], dir).status,
    ).toBe(0);
    const { status, stderr } = runCli(["train", "--resume", "run.ckpt", "--epochs", "2"], dir);
    expect(status).toBe(2);
    expect(stderr).toMatch(/has done 3; ask for more than 3, got 2/);
  });

  it("a corrupt checkpoint is refused with a clear message", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.ckpt"), "{ not json");
    const { status, stderr } = runCli(["train", "--resume", "bad.ckpt"], dir);
    expect(status).toBe(1);
    expect(stderr).toMatch(/bad.ckpt is not valid JSON/);
  });

  it("the divergence guard stops at once, names epoch, batch and layer, and leaves the old checkpoint intact", () => {
    const dir = tempDir();
    const checkpoint = join(dir, "run.ckpt");
    writeFileSync(checkpoint, "previous checkpoint");
    const { status, stderr } = runCli(
      [
        "train",
        "--dataset",
        "moons",
        "--layers",
        "2,8,2",
        "--activation",
        "identity",
        "--eta",
        "100000",
        "--checkpoint",
        "run.ckpt",
      ],
      dir,
    );
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /training diverged in epoch 0, batch \d+: (weights|biases)\[\d\] became NaN or ±Infinity.*try η = 10000/,
    );
    expect(readFileSync(checkpoint, "utf8")).toBe("previous checkpoint");
  });

  it("Ctrl-C stops after the current batch, keeps the checkpoint, saves unlabelled weights, and exits 130", async () => {
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      [
        CLI,
        "train",
        "--epochs",
        "30",
        "--train-size",
        "20000",
        "--test-size",
        "500",
        "--checkpoint",
        "run.ckpt",
        "--save",
        "model.json",
      ],
      { cwd: dir },
    );
    let stdout = "";
    let interrupted = false;
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
        if (/Epoch 0:/.test(stdout) && !interrupted) {
          interrupted = true; // one Ctrl-C, as a user presses it
          child.kill("SIGINT");
        }
      });
      child.on("exit", (exitCode) => resolve(exitCode));
    });
    expect(code).toBe(130);
    expect(stdout).toMatch(
      /Stopped by Ctrl-C during epoch \d+\. run.ckpt holds the state after epoch \d+; --resume run.ckpt continues/,
    );
    expect(existsSync(join(dir, "run.ckpt"))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "run.ckpt"), "utf8")).format).toBe(
      "backprop-checkpoint",
    );
    // Mid-epoch weights, saved as such: not labelled with the previous epoch's scores.
    expect(stdout).toMatch(
      /Saved the model to model\.json \(weights from the middle of epoch \d+, not evaluated\)/,
    );
    const saved = JSON.parse(readFileSync(join(dir, "model.json"), "utf8"));
    expect(saved.metadata.testAccuracy).toBeUndefined();
  });
});
