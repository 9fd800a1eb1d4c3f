import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./run-cli";

/** A parsed JSON file, edited at any path by the tests below. */
// biome-ignore lint/suspicious/noExplicitAny: the edits reach arbitrary places in the file
type JsonFile = Record<string, any>;

const QUICK = ["--dataset", "moons", "--layers", "2,4,2", "--epochs", "2", "--quiet"];

/** A model trained by the CLI itself, then edited by `edit`, saved beside it. */
function editedModel(dir: string, edit: (file: JsonFile) => void): string {
  if (!existsSync(join(dir, "model.json")))
    expect(runCli(["train", ...QUICK, "--save", "model.json"], dir).status).toBe(0);
  const file = JSON.parse(readFileSync(join(dir, "model.json"), "utf8"));
  edit(file);
  writeFileSync(join(dir, "edited.json"), JSON.stringify(file));
  return "edited.json";
}

/** A checkpoint after 2 epochs, edited by `edit`. */
function editedCheckpoint(dir: string, edit: (file: JsonFile) => void): string {
  if (!existsSync(join(dir, "run.ckpt")))
    expect(runCli(["train", ...QUICK, "--checkpoint", "run.ckpt"], dir).status).toBe(0);
  const file = JSON.parse(readFileSync(join(dir, "run.ckpt"), "utf8"));
  edit(file);
  writeFileSync(join(dir, "edited.ckpt"), JSON.stringify(file));
  return "edited.ckpt";
}

describe("hostile and broken input through the CLI", () => {
  it("a 171-byte model declaring 30000×30000 weights is refused at once, naming the place", () => {
    const dir = tempDir();
    const bomb = JSON.stringify({
      format: "backprop-network",
      version: 1,
      sizes: [30000, 30000],
      activations: ["sigmoid"],
      cost: "quadratic",
      weights: [[[0]]],
      biases: [[0]],
    });
    writeFileSync(join(dir, "bomb.json"), bomb);
    for (const command of ["inspect", "evaluate"]) {
      const { status, stderr } = runCli([command, "bomb.json"], dir);
      expect(stderr).toBe("backprop: model file, at weights[0]: expected 30000 entries, found 1\n");
      expect(status).toBe(1);
    }
  });

  it("a model or checkpoint never chooses a URL to download", () => {
    const dir = tempDir();
    // Port 9 (discard) on this machine: a fetch would fail with a network error instead.
    const url = "http://127.0.0.1:9/evil/";
    const model = editedModel(dir, (f) => {
      f.metadata.settings.dataset = url;
    });
    for (const args of [
      ["evaluate", model],
      ["predict", model, "--index", "0"],
    ]) {
      const { status, stderr } = runCli(args, dir);
      expect(stderr).toMatch(/a file never chooses what is fetched, so pass it yourself/);
      expect(stderr).toContain(`--dataset ${url}`);
      expect(status).toBe(2);
    }
    const checkpoint = editedCheckpoint(dir, (f) => {
      f.settings.dataset = url;
    });
    const resumed = runCli(["train", "--resume", checkpoint, "--epochs", "3"], dir);
    expect(resumed.stderr).toMatch(/was trained on http:\/\/127\.0\.0\.1:9\/evil\/, a download/);
    expect(resumed.status).toBe(2);
  });

  it("checkpoint nonsense gets a CheckpointError with its place, never a raw TypeError", () => {
    const dir = tempDir();
    const cases: [(f: JsonFile) => void, RegExp][] = [
      [(f) => (f.state.epoch = -5), /at state\.epoch: expected an integer from 0/],
      [(f) => (f.state.history = "abc"), /at state\.history: expected an array/],
      [(f) => (f.state.optimizer.buffers = 3), /at state\.optimizer\.buffers: expected an array/],
      [(f) => (f.settings.preset = "toString"), /at settings\.preset: expected one of "seed"/],
      [(f) => (f.model.sizes = [2, 30000, 2]), /at model\.weights\[0\]: expected 30000 entries/],
    ];
    for (const [edit, message] of cases) {
      const { status, stdout, stderr } = runCli(
        ["train", "--resume", editedCheckpoint(dir, edit), "--epochs", "3"],
        dir,
      );
      expect(stderr).toMatch(/^backprop: --resume: edited\.ckpt is not a checkpoint/);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/TypeError|at .*\.js:\d+/);
      expect(stdout).toBe("");
      expect(status).toBe(1);
    }
  });

  it("prototype names are not data sets, presets or costs", () => {
    for (const name of ["toString", "constructor", "__proto__"]) {
      const { status, stderr } = runCli(["train", "--dataset", name]);
      expect(stderr).toMatch(/--dataset: expected mnist/);
      expect(status).toBe(2);
    }
  });

  it("a bad --save or --checkpoint path fails before training, not after", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "folder"));
    writeFileSync(join(dir, "file"), "");
    const cases: [string[], RegExp][] = [
      [["--save", "folder"], /--save folder: that is a folder/],
      [["--checkpoint", "file/run.ckpt"], /--checkpoint file\/run\.ckpt: cannot create the folder/],
    ];
    for (const [flags, message] of cases) {
      const { status, stdout, stderr } = runCli(["train", ...QUICK.slice(0, -1), ...flags], dir);
      expect(stderr).toMatch(message);
      expect(stdout).not.toMatch(/Epoch/);
      expect(status).toBe(1);
    }
  });

  it("--save through a symlink writes its target; a FIFO is refused, not replaced", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "real.json"), "");
    execFileSync("ln", ["-s", "real.json", join(dir, "link.json")]);
    expect(runCli(["train", ...QUICK, "--save", "link.json"], dir).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "real.json"), "utf8")).format).toBe(
      "backprop-network",
    );
    execFileSync("mkfifo", [join(dir, "pipe")]);
    const { status, stderr } = runCli(["train", ...QUICK, "--save", "pipe"], dir);
    expect(stderr).toMatch(/--save pipe: that is a pipe, socket or device/);
    expect(status).toBe(1);
  });

  it("a plugin whose register() never settles is an error, not a silent exit 0", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "hang.mjs"),
      "export function register() { return new Promise(() => {}); }\n",
    );
    const { status, stderr } = runCli(["gradcheck", "--plugin", "hang.mjs"], dir, {
      BACKPROP_PLUGIN_TIMEOUT_MS: "300",
    });
    expect(stderr).toMatch(/--plugin hang\.mjs: register\(\) did not finish within 0\.3 s/);
    expect(status).toBe(2);
  });

  it("an error built from a huge input stays one readable line", () => {
    const dir = tempDir();
    const model = editedModel(dir, (f) => {
      f.activations[0] = "x".repeat(2_000_000);
    });
    const { status, stderr } = runCli(["inspect", model], dir);
    expect(stderr.length).toBeLessThan(1200);
    expect(stderr).toMatch(/activations\[0\]: expected a string of at most 200 characters/);
    expect(status).toBe(1);
  });

  it("a CSV too small to split says so instead of printing 0 / 0 (NaN%)", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "one.csv"), "a,b,label\n1,2,0\n");
    const { status, stdout, stderr } = runCli(
      ["train", "--dataset", "one.csv", "--layers", "2,2,1", "--epochs", "1"],
      dir,
    );
    expect(stdout).not.toMatch(/NaN/);
    expect(stderr).toMatch(/one\.csv/);
    expect(status).not.toBe(0);
  });
});

describe("--sha256", () => {
  /** A tiny IDX pair: 30 images of 2×2 pixels, labels 0–9. */
  function idxPair(dir: string): { images: Buffer; labels: Buffer } {
    const n = 30;
    const images = Buffer.alloc(16 + 4 * n);
    images.set([0, 0, 8, 3]);
    images.writeUInt32BE(n, 4);
    images.writeUInt32BE(2, 8);
    images.writeUInt32BE(2, 12);
    for (let i = 0; i < 4 * n; i++) images[16 + i] = (i * 37) % 256;
    const labels = Buffer.alloc(8 + n);
    labels.set([0, 0, 8, 1]);
    labels.writeUInt32BE(n, 4);
    for (let i = 0; i < n; i++) labels[8 + i] = i % 10;
    writeFileSync(join(dir, "images.idx"), images);
    writeFileSync(join(dir, "labels.idx"), labels);
    return { images, labels };
  }
  const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

  it("checks each file of an IDX pair, refusing one that differs", () => {
    const dir = tempDir();
    const { images, labels } = idxPair(dir);
    const train = (digests: string) =>
      runCli(
        [
          "train",
          "--dataset",
          "images.idx,labels.idx",
          "--sha256",
          digests,
          "--layers",
          "4,3,10",
          "--epochs",
          "1",
          "--quiet",
        ],
        dir,
      );
    expect(train(`${sha(images)},${sha(labels)}`).status).toBe(0);
    const wrong = train(`${sha(labels)},${sha(labels)}`);
    expect(wrong.stderr).toMatch(/images\.idx: expected SHA-256 [0-9a-f]{64}, found [0-9a-f]{64}/);
    expect(wrong.status).toBe(1);
    const one = train(sha(images));
    expect(one.stderr).toMatch(
      /--sha256: images\.idx,labels\.idx reads 2 files, so give 2 digests; got 1/,
    );
    expect(one.status).toBe(2);
    const bad = train("abc");
    expect(bad.stderr).toMatch(/--sha256: expected SHA-256 digests of 64 hex digits/);
    expect(bad.status).toBe(2);
  });
});

describe("runs that learn nothing", () => {
  it("a run that never rises above chance says so, though every epoch was finite", () => {
    const { status, stderr } = runCli([
      "train",
      "--dataset",
      "moons",
      "--layers",
      "2,8,2",
      "--eta",
      "1e6",
      "--epochs",
      "3",
    ]);
    expect(stderr).toMatch(/warning: accuracy on the test data never rose above chance/);
    expect(stderr).toMatch(/try η = 100000 and η = 10000000/);
    expect(status).toBe(0);
  });

  it("a run that learns gets no such warning", () => {
    const { status, stderr } = runCli(["train", ...QUICK.slice(0, -3), "--epochs", "3"]);
    expect(stderr).not.toMatch(/warning/);
    expect(status).toBe(0);
  });
});
