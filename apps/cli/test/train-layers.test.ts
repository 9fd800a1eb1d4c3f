import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadLayerModel } from "@backprop/network";
import { describe, expect, it } from "vitest";
import { jsonLines, runCli, tempDir } from "./run-cli";

describe("backprop train with layers (the book's chapter 6)", () => {
  it("--help documents the layer spec and the conv presets with the book's numbers", () => {
    const { status, stdout } = runCli(["train", "--preset", "conv1", "--help"]);
    expect(status).toBe(0);
    const help = stdout.replace(/\s+/g, " ");
    expect(help).toContain("conv:FILTERSxKERNEL[/STRIDE][:same], maxpool:SIZE, avgpool:SIZE");
    expect(help).toContain("e.g. conv:20x5,maxpool:2,dense:100,dense:10");
    for (const [name, book] of [
      ["conv1", "98.78%"],
      ["conv2", "99.06%"],
      ["conv2-relu", "99.23%"],
      ["conv2-relu-expanded", "99.37%"],
      ["conv2-dropout", "99.60%"],
    ]) {
      expect(help).toMatch(new RegExp(`${name} \\(.*?book: ${book.replace(".", "\\.")}`));
    }
    expect(help).toContain("$ backprop train --preset conv1 --epochs 1");
  });

  it("a tiny conv run on 300 MNIST images exits 0, prints the seed's lines and saves a v2 model", () => {
    const dir = tempDir();
    const spec = "conv:4x5,maxpool:2,dropout:0.2,dense:10";
    const { status, stdout, stderr } = runCli(
      [
        "train",
        ...["--layers", spec, "--epochs", "2", "--train-size", "300", "--test-size", "100"],
        ...["--eta", "0.5", "--seed", "3", "--save", "conv.json"],
      ],
      dir,
    );
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^Training conv:4x5,maxpool:2,dropout:0.2,dense:10 \(sigmoid, softmax output, logLikelihood cost, network3 init\) on MNIST \(seed split\): 300 samples, sgd η = 0.5, mini-batch 10, 2 epochs, seed 3/,
    );
    const epochs = [...stdout.matchAll(/^Epoch (\d): (\d+) \/ 100 {2}\(.*validation/gm)];
    expect(epochs.map((m) => m[1])).toEqual(["0", "1"]);
    expect(stdout).toMatch(/^Best: epoch \d, validation [\d.]+%, test \d+ \/ 100/m);
    const text = readFileSync(join(dir, "conv.json"), "utf8");
    const file = JSON.parse(text);
    expect(file.version).toBe(2);
    expect(file.metadata.settings).toMatchObject({ layers: spec, seed: 3, eta: 0.5, epochs: 2 });
    const { network } = loadLayerModel(text);
    expect(network.layers.map((l) => l.kind)).toEqual([
      "conv2d",
      "maxPool",
      "dropout",
      "flatten",
      "dense",
    ]);
  });

  it("the same seed gives the same model, whatever --threads (auto, the default, 1 or 2); --json gives epoch and summary records", () => {
    const dir = tempDir();
    const run = (file: string, threads: string[] = []) =>
      runCli(
        [
          "train",
          ...["--preset", "conv2-relu", "--layers", "conv:3x3,maxpool:2,dense:10"],
          ...["--epochs", "1", "--train-size", "100", "--test-size", "50", "--json"],
          ...["--save", file, ...threads],
        ],
        dir,
      );
    const a = run("a.json");
    expect(a.status).toBe(0);
    expect(run("b.json").status).toBe(0);
    expect(run("c.json", ["--threads", "1"]).status).toBe(0);
    expect(run("d.json", ["--threads", "2"]).status).toBe(0);
    const layers = (f: string) => JSON.parse(readFileSync(join(dir, f), "utf8")).layers;
    for (const other of ["b.json", "c.json", "d.json"])
      expect(layers(other)).toEqual(layers("a.json"));
    const records = jsonLines(a.stdout);
    expect(records.map((r) => r.event)).toEqual(["epoch", "summary"]);
    expect(records[0]).toMatchObject({ epoch: 0, test: { total: 50 } });
  });

  it("the conv presets cut batches in network3's order; --shuffle every-epoch gives the seed's, and another model", () => {
    const dir = tempDir();
    const run = (file: string, more: string[] = []) =>
      runCli(
        [
          "train",
          ...["--preset", "conv2-relu", "--layers", "conv:3x3,maxpool:2,dense:10"],
          ...["--epochs", "2", "--train-size", "100", "--test-size", "50"],
          ...["--save", file, ...more],
        ],
        dir,
      );
    const network3 = run("n3.json");
    expect(network3.status).toBe(0);
    expect(network3.stdout).toContain("seed 0, batches in the data's order (network3's)");
    expect(run("never.json", ["--shuffle", "never"]).status).toBe(0);
    const seeds = run("seed.json", ["--shuffle", "every-epoch"]);
    expect(seeds.stdout).not.toContain("network3's");
    const once = run("once.json", ["--shuffle", "once"]);
    expect(once.stdout).toContain("one shuffle for all epochs (network3's)");
    const file = (f: string) => JSON.parse(readFileSync(join(dir, f), "utf8"));
    expect(file("n3.json").metadata.settings.shuffle).toBe("never");
    expect(file("seed.json").metadata.settings.shuffle).toBe("every-epoch");
    expect(file("never.json").layers).toEqual(file("n3.json").layers);
    expect(file("seed.json").layers).not.toEqual(file("n3.json").layers);
    expect(file("once.json").layers).not.toEqual(file("n3.json").layers);
    expect(file("once.json").layers).not.toEqual(file("seed.json").layers);
    // A layer spec without a preset shuffles every epoch, as size-list networks do.
    const bare = runCli(
      ["train", "--layers", "conv:3x3,maxpool:2,dense:10", "--epochs", "1", "--train-size", "50"],
      dir,
    );
    expect(bare.status).toBe(0);
    expect(bare.stdout).toMatch(/seed 0\n/);
  });

  it.each([
    [
      ["--preset", "conv1", "--shuffle", "twice"],
      /--shuffle: expected one of every-epoch, once, never, got "twice"/,
    ],
    [["--shuffle", "never"], /--shuffle is for layer networks/],
    [["--preset", "conv1", "--optimizer", "adam"], /--optimizer does not apply to a layer network/],
    [["--preset", "conv1", "--layers", "784,30,10"], /--preset conv1 takes a layer spec/],
    [
      ["--preset", "network2", "--layers", "dense:30,dense:10"],
      /--preset network2 is a size-list network/,
    ],
    [
      ["--layers", "conv:20x5,pool:2,dense:10"],
      /--layers: layer 2, "pool:2": unknown layer "pool"/,
    ],
    [
      ["--layers", "conv:4x5,maxpool:2,dense:7", "--train-size", "10"],
      /the last layer must be dense:10; got dense:7/,
    ],
    [["--init", "network3"], /--init network3 is network3.py's initialisation for layer networks/],
    [["--preset", "conv1", "--threads", "3"], /--threads: expected one of 1, 2, auto, got "3"/],
  ])("usage error for %j", (args, message) => {
    const { status, stderr } = runCli(["train", ...args]);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });
});
