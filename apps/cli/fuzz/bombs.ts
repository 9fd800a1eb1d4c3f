import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { encodePngImage } from "../src/io/image-fixtures";

/**
 * The memory bombs the issue was filed with, each run through the built CLI as a user
 * would meet it, timed and measured by /usr/bin/time (peak RSS of the whole process):
 *
 *   pnpm fuzz -- --bombs
 *
 * Each must end in a typed error (exit 1 or 2, one line on stderr) in well under a second
 * and well under 100 MB above the CLI's own baseline (`backprop --version`).
 */

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

export interface BombRow {
  name: string;
  bytes: number;
  seconds: number;
  peakMb: number;
  aboveBaselineMb: number;
  status: number | null;
  message: string;
}

function measure(
  args: string[],
  cwd: string,
): { seconds: number; peakKb: number; status: number | null; stderr: string } {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, CLI, ...args], {
    cwd,
    encoding: "utf8",
    timeout: 120_000,
  });
  const lines = result.stderr.trim().split("\n");
  const [seconds, peakKb] = (lines.pop() ?? "0 0").split(" ").map(Number);
  return { seconds, peakKb, status: result.status, stderr: lines.join("\n") };
}

/** Files of a few bytes to a few hundred kilobytes that declare gigabytes. */
function makeBombs(dir: string): { name: string; file: string; args: string[] }[] {
  const bombs: { name: string; file: string; args: string[] }[] = [];
  const add = (name: string, file: string, bytes: Uint8Array | string, args: string[]) => {
    writeFileSync(join(dir, file), bytes);
    bombs.push({ name, file, args });
  };
  add(
    "model: sizes [30000, 30000]",
    "model.json",
    JSON.stringify({
      format: "backprop-network",
      version: 1,
      sizes: [30000, 30000],
      activations: ["sigmoid"],
      cost: "quadratic",
      weights: [[[0]]],
      biases: [[0]],
    }),
    ["inspect", "model.json"],
  );
  // An 8000×8000 grey PNG: 64 MB of zero scanlines deflate to about 64 KB.
  const width = 8000;
  add(
    "PNG 8000×8000",
    "big.png",
    encodePngImage({
      width,
      height: width,
      colorType: 0,
      depth: 8,
      samples: new Uint8Array(width * width),
    }),
    ["predict", "model-ok.json", "big.png"],
  );
  add("PGM header P5 46341 46341 255", "big.pgm", "P5 46341 46341 255\n", [
    "predict",
    "model-ok.json",
    "big.pgm",
  ]);
  // An IDX header declaring 60000×28×28 bytes followed by 1 GiB of zeros, gzipped: ~1 MB.
  const header = Uint8Array.from([0, 0, 8, 3, 0, 0, 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28]);
  const zeros = new Uint8Array(2 ** 30);
  const idx = new Uint8Array(header.length + zeros.length);
  idx.set(header);
  add("IDX gzip: 1 MB inflating to 1 GiB", "images.idx.gz", gzipSync(idx, { level: 9 }), [
    "train",
    "--dataset",
    "images.idx.gz,labels.idx",
    "--layers",
    "784,10",
    "--epochs",
    "1",
  ]);
  // Valid labels, so that the images are what fails.
  const labels = new Uint8Array(8 + 60000);
  labels.set([0, 0, 8, 1, 0, 0, 0xea, 0x60]);
  writeFileSync(join(dir, "labels.idx"), labels);
  return bombs;
}

export function runBombs(): BombRow[] {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run pnpm build first`);
  const dir = mkdtempSync(join(tmpdir(), "backprop-bombs-"));
  // A small valid model for predict's image bombs.
  spawnSync(
    process.execPath,
    [
      CLI,
      "train",
      "--dataset",
      "mnist",
      "--layers",
      "784,10",
      "--epochs",
      "1",
      "--train-size",
      "100",
      "--test-size",
      "10",
      "--quiet",
      "--save",
      "model-ok.json",
    ],
    { cwd: dir },
  );
  const baseline = measure(["--version"], dir).peakKb;
  return makeBombs(dir).map(({ name, file, args }) => {
    const run = measure(args, dir);
    return {
      name,
      bytes: Number(spawnSync("stat", ["-c", "%s", join(dir, file)], { encoding: "utf8" }).stdout),
      seconds: run.seconds,
      peakMb: Math.round(run.peakKb / 1024),
      aboveBaselineMb: Math.round((run.peakKb - baseline) / 1024),
      status: run.status,
      message: run.stderr.split("\n")[0].slice(0, 160),
    };
  });
}
