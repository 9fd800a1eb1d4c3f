import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./run-cli";

const SPEC = ["--layers", "conv:3x5,maxpool:2,dropout:0.3,dense:10"];
const DATA = ["--train-size", "200", "--test-size", "100", "--eta", "0.3", "--seed", "4"];

/** The layers of a saved model file (the weights), without its metadata. */
const layersOf = (path: string) => JSON.parse(readFileSync(path, "utf8")).layers;

describe("backprop train --checkpoint / --resume with layers", () => {
  it("a run stopped after 2 epochs and resumed to 3 ends with the weights of a straight 3-epoch run", () => {
    const dir = tempDir();
    const straight = runCli(["train", ...SPEC, ...DATA, "--epochs", "3", "--save", "a.json"], dir);
    expect(straight.status).toBe(0);
    const first = runCli(
      ["train", ...SPEC, ...DATA, "--epochs", "2", "--checkpoint", "c.json"],
      dir,
    );
    expect(first.status).toBe(0);
    const checkpoint = JSON.parse(readFileSync(join(dir, "c.json"), "utf8"));
    expect(checkpoint).toMatchObject({ format: "backprop-checkpoint", version: 2 });
    expect(checkpoint.state.epoch).toBe(2);
    const resumed = runCli(
      ["train", "--resume", "c.json", "--epochs", "3", "--save", "b.json"],
      dir,
    );
    expect(resumed.stderr).toBe("");
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toContain("resuming at epoch 2");
    expect(resumed.stdout).toMatch(/^Epoch 2: /m);
    expect(resumed.stdout).not.toMatch(/^Epoch 1: /m);
    expect(layersOf(join(dir, "b.json"))).toEqual(layersOf(join(dir, "a.json")));
    // The epoch lines after the resume are the straight run's.
    const line = (out: string) => /^Epoch 2: (\d+ \/ \d+)/m.exec(out)?.[1];
    expect(line(resumed.stdout)).toBe(line(straight.stdout));
  });

  it("refuses flags that would change the run, and a damaged checkpoint, saying where", () => {
    const dir = tempDir();
    expect(
      runCli(["train", ...SPEC, ...DATA, "--epochs", "1", "--checkpoint", "c.json"], dir).status,
    ).toBe(0);
    const changed = runCli(["train", "--resume", "c.json", "--eta", "1"], dir);
    expect(changed.status).not.toBe(0);
    expect(changed.stderr).toMatch(/--resume continues with the checkpoint's settings; drop --eta/);
    const file = JSON.parse(readFileSync(join(dir, "c.json"), "utf8"));
    file.state.masks.s = [0, 0, 0, 0];
    writeFileSync(join(dir, "bad.json"), JSON.stringify(file));
    const bad = runCli(["train", "--resume", "bad.json"], dir);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(
      /bad\.json is not a checkpoint this backprop can resume: at state\.masks\.s/,
    );
  });
});
