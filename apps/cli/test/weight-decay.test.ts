import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./run-cli";

const RUN = [
  "train",
  "--dataset",
  "moons",
  "--layers",
  "2,6,2",
  "--epochs",
  "2",
  "--optimizer",
  "adam",
  "--eta",
  "0.01",
  "--lambda",
  "5",
  "--quiet",
];

describe("--weight-decay", () => {
  it("coupled (PyTorch's weight_decay) and decoupled (AdamW, the default) train differently, and the model says which", () => {
    const dir = tempDir();
    for (const [mode, file] of [
      ["coupled", "coupled.json"],
      ["decoupled", "decoupled.json"],
    ])
      expect(runCli([...RUN, "--weight-decay", mode, "--save", file], dir).status).toBe(0);
    expect(runCli([...RUN, "--save", "default.json"], dir).status).toBe(0);
    const read = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8"));
    const [coupled, decoupled, byDefault] = ["coupled.json", "decoupled.json", "default.json"].map(
      read,
    );
    expect(coupled.weights).not.toEqual(decoupled.weights);
    expect(byDefault.weights).toEqual(decoupled.weights);
    expect(coupled.metadata.settings.weightDecay).toBe("coupled");
    expect(byDefault.metadata.settings.weightDecay).toBe("decoupled");
  });

  it("refuses another mode, naming both", () => {
    const { status, stderr } = runCli([...RUN, "--weight-decay", "pytorch"]);
    expect(stderr).toMatch(/--weight-decay: expected one of decoupled, coupled, got "pytorch"/);
    expect(status).toBe(2);
  });
});
