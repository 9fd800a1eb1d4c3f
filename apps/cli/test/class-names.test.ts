import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonLines, runCli, tempDir } from "./run-cli";

/** 80 rows of two features, labelled by name: "setosa" left of x = 0, "virginica" right. */
function namedCsv(dir: string): string {
  const rows = ["x,y,species"];
  for (let i = 0; i < 80; i++) {
    const x = ((i * 37) % 80) / 40 - 1;
    const y = ((i * 53) % 80) / 40 - 1;
    rows.push(`${x},${y},${x < 0 ? "setosa" : "virginica"}`);
  }
  writeFileSync(join(dir, "flowers.csv"), `${rows.join("\n")}\n`);
  return "flowers.csv";
}

describe("a CSV's class names", () => {
  it("are saved with the model and printed by evaluate and predict instead of 0 and 1", () => {
    const dir = tempDir();
    const csv = namedCsv(dir);
    const trained = runCli(
      [
        "train",
        "--dataset",
        csv,
        "--layers",
        "2,4,2",
        "--epochs",
        "5",
        "--eta",
        "1",
        "--quiet",
        "--save",
        "m.json",
      ],
      dir,
    );
    expect(trained.status).toBe(0);
    const evaluated = runCli(["evaluate", "m.json"], dir);
    expect(evaluated.status).toBe(0);
    expect(evaluated.stdout).toMatch(/^ +setosa +virginica$/m);
    expect(evaluated.stdout).toMatch(/^ *virginica +\d+ +\d+$/m);
    const predicted = runCli(["predict", "m.json", "--index", "0"], dir);
    expect(predicted.status).toBe(0);
    expect(predicted.stdout).toMatch(
      /^test image 0: (setosa|virginica) \(label (setosa|virginica): (right|wrong)\)$/m,
    );
    const json = jsonLines(runCli(["predict", "m.json", "--index", "0", "--json"], dir).stdout);
    expect(json[0].predictedName).toMatch(/^(setosa|virginica)$/);
    expect((json[0].ranking as { name: string }[])[0].name).toBe(json[0].predictedName);
  });
});
